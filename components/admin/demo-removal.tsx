"use client";

import { useState } from "react";
import { removeDemoAction } from "@/lib/actions/admin/demo";
import { messages } from "@/lib/i18n";
import { ConfirmDanger } from "./confirm-danger";
import { useChangeAction } from "./use-change-action";

type DemoAccount = { id: string; email: string; name: string; demo: string | null };

/** The admin's one step out of demo mode: the accounts that go, then a confirmation naming what happens. */
export function DemoRemoval({ accounts }: { accounts: DemoAccount[] }) {
  const t = messages().admin.demo;
  const { errors, pending, run } = useChangeAction(removeDemoAction, t.errors);
  const [done, setDone] = useState<string | null>(null);
  return (
    <div className="space-y-3" data-testid="demo-removal">
      <p className="text-sm text-slate-700">{t.intro}</p>
      <ul className="space-y-1 text-sm">
        {accounts.map((account) => (
          <li key={account.id}>
            <span className="font-medium">{account.email}</span> — {account.name}, {t.kinds[account.demo ?? ""]}
          </li>
        ))}
      </ul>
      <ConfirmDanger
        label={t.remove}
        question={t.confirm(accounts.length)}
        confirmLabel={t.confirmSubmit}
        pending={pending}
        errors={errors}
        onConfirm={(close) =>
          run({ userIds: accounts.map((account) => account.id) }, (success) => {
            close();
            setDone(t.done(success.deactivated, success.passwordsCleared));
          })
        }
      >
        {done && (
          <p role="status" className="text-sm text-emerald-800">
            {done}
          </p>
        )}
      </ConfirmDanger>
    </div>
  );
}
