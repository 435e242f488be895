"use client";

import { useEffect, useRef, useState } from "react";
import { resetPasswordAction, setUserActiveAction } from "@/app/(portal)/admin/users/actions";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { messages } from "@/lib/i18n";
import { UserPasswordBox } from "./user-password-box";
import { useUserAction } from "./use-user-action";

type Props = {
  userId: string;
  active: boolean;
  /** False on one's own account: nobody may lock themselves out. */
  mayDeactivate: boolean;
};

/** Blocking, unblocking and password reset, each risky step confirmed in place. */
export function UserAccessPanel({ userId, active, mayDeactivate }: Props) {
  const t = messages().admin.users;
  const { pending, error, run } = useUserAction();
  const [confirming, setConfirming] = useState<"deactivate" | "reset" | null>(null);
  const [password, setPassword] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);
  // Marks the panel as interactive (tests wait for it before clicking).
  useEffect(() => root.current?.setAttribute("data-ready", "true"), []);

  const setActive = (value: boolean) => run(() => setUserActiveAction({ userId, active: value }), () => setConfirming(null));
  const reset = () =>
    run(
      () => resetPasswordAction({ userId }),
      (result) => {
        setConfirming(null);
        setPassword(result.password);
      },
    );

  const confirmation = confirming && (
    <div className="space-y-3 rounded-lg border border-slate-200 bg-slate-50 p-3" role="group" aria-label={confirming === "deactivate" ? t.deactivate : t.resetPassword}>
      <p className="text-sm text-slate-700">{confirming === "deactivate" ? t.confirmDeactivate : t.confirmReset}</p>
      <div className="flex flex-wrap gap-2">
        <Button type="button" disabled={pending} autoFocus onClick={() => (confirming === "deactivate" ? setActive(false) : reset())}>
          {pending ? t.working : confirming === "deactivate" ? t.confirmDeactivateYes : t.confirmResetYes}
        </Button>
        <Button type="button" variant="secondary" disabled={pending} onClick={() => setConfirming(null)}>
          {t.cancel}
        </Button>
      </div>
    </div>
  );

  return (
    <div ref={root} className="space-y-3" data-testid="user-access-panel">
      {error && <Notice tone="error">{error}</Notice>}
      <p className="text-sm text-slate-700" data-testid="user-access-state">
        {active ? t.activeNow : t.inactiveNow}
      </p>
      {confirmation || (
        <div className="flex flex-wrap gap-2">
          {active && mayDeactivate && (
            <Button type="button" variant="secondary" onClick={() => setConfirming("deactivate")}>
              {t.deactivate}
            </Button>
          )}
          {!active && (
            <Button type="button" variant="secondary" disabled={pending} onClick={() => setActive(true)}>
              {pending ? t.working : t.reactivate}
            </Button>
          )}
          <Button type="button" variant="secondary" onClick={() => setConfirming("reset")}>
            {t.resetPassword}
          </Button>
        </div>
      )}
      {password && <UserPasswordBox password={password} />}
    </div>
  );
}
