"use client";

import { useEffect, useRef, useState } from "react";
import { resetPasswordAction, setUserActiveAction } from "@/lib/actions/admin/users";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { CredentialKind, IssuedCredential } from "@/lib/admin/users.schema";
import { messages } from "@/lib/i18n";
import { CredentialChoice, UserCredentialBox } from "./user-credential";
import { useChangeAction } from "./use-change-action";

type Props = {
  userId: string;
  active: boolean;
  /** False on one's own account: nobody may lock themselves out. */
  mayDeactivate: boolean;
  timeZone: string;
  mailOn: boolean;
};

/** Blocking, unblocking and password reset, each risky step confirmed in place. */
export function UserAccessPanel({ userId, active, mayDeactivate, timeZone, mailOn }: Props) {
  const t = messages().admin.users;
  const activation = useChangeAction(setUserActiveAction, t.errors);
  const passwordReset = useChangeAction(resetPasswordAction, t.errors);
  const pending = activation.pending || passwordReset.pending;
  const error = activation.errors.form?.[0] ?? passwordReset.errors.form?.[0];
  const [confirming, setConfirming] = useState<"deactivate" | "reset" | null>(null);
  const [credentialKind, setCredentialKind] = useState<CredentialKind>("password");
  const [issued, setIssued] = useState<IssuedCredential | null>(null);
  const root = useRef<HTMLDivElement>(null);
  // Marks the panel as interactive (tests wait for it before clicking).
  useEffect(() => root.current?.setAttribute("data-ready", "true"), []);

  const setActive = (value: boolean) => activation.run({ userId, active: value }, () => setConfirming(null));
  const reset = () =>
    passwordReset.run({ userId, credential: credentialKind }, (issued) => {
      setConfirming(null);
      setIssued(issued);
    });

  const confirmation = confirming && (
    <div className="space-y-3 rounded-lg border border-slate-200 bg-slate-50 p-3" role="group" aria-label={confirming === "deactivate" ? t.deactivate : t.resetPassword}>
      <p className="text-sm text-slate-700">{confirming === "deactivate" ? t.confirmDeactivate : t.confirmReset}</p>
      {confirming === "reset" && <CredentialChoice value={credentialKind} onChange={setCredentialKind} mailOn={mailOn} error={passwordReset.errors.credential?.[0]} />}
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
      {issued && <UserCredentialBox credential={issued} timeZone={timeZone} />}
    </div>
  );
}
