"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import Link from "next/link";
import { applyUserImportAction, previewUserImportAction } from "@/lib/actions/admin/users";
import { Button, buttonClass } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { CreatedUser, ImportPreview } from "@/lib/admin/user-import";
import { messages } from "@/lib/i18n";

const cell = "px-3 py-2 align-top";

/** A spreadsheet-friendly CSV (";", BOM for Excel) of the created users and their passwords. */
function passwordsCsv(users: CreatedUser[]) {
  const t = messages().admin.users;
  const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;
  const lines = [
    [t.columns.name, t.columns.email, t.import.passwordColumn],
    ...users.map((user) => [user.name, user.email, user.password]),
  ].map((line) => line.map(quote).join(";"));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** Builds the file in the browser's memory only: the passwords never travel back to the server. */
function download(users: CreatedUser[]) {
  const url = URL.createObjectURL(new Blob([passwordsCsv(users)], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = "imported-users.csv";
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Paste or pick a CSV, check it (nothing is written), then import it all at once. */
export function UserImportForm() {
  const t = messages();
  const u = t.admin.users;
  const ti = u.import;
  const [text, setText] = useState("");
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [created, setCreated] = useState<CreatedUser[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [running, setRunning] = useState<"check" | "apply" | null>(null);
  const root = useRef<HTMLDivElement>(null);
  // Marks the form as interactive (tests wait for it before typing).
  useEffect(() => root.current?.setAttribute("data-ready", "true"), []);

  const changeText = (value: string) => {
    setText(value);
    // A preview describes the text it checked: any edit calls for a new check.
    setPreview(null);
    setError(null);
  };

  /** Runs the check or the import; `onAnswer` takes the answer, or false when it is a refusal of another kind. */
  function run<R>(kind: "check" | "apply", call: () => Promise<R>, onAnswer: (result: R) => boolean) {
    setRunning(kind);
    startTransition(async () => {
      setError(null);
      try {
        if (!onAnswer(await call())) setError(u.errors.failed);
      } catch {
        setError(u.errors.failed);
      } finally {
        setRunning(null);
      }
    });
  }

  const check = () =>
    run("check", () => previewUserImportAction({ text }), (result) => {
      if (result.ok) setPreview({ rows: result.rows, errors: result.errors });
      return result.ok;
    });
  const apply = () =>
    run("apply", () => applyUserImportAction({ text }), (result) => {
      if (result.ok) setCreated(result.created);
      else if ("preview" in result) setPreview(result.preview);
      return result.ok || "preview" in result;
    });

  const errorLines = new Set(preview?.errors.map((entry) => entry.line));
  const canApply = !pending && preview !== null && preview.errors.length === 0 && preview.rows.length > 0;

  return (
    <div ref={root} data-testid="user-import-form" className="space-y-4">
      {created ? (
        <div className="space-y-4" data-testid="import-result">
          <Notice tone="info">{ti.done(created.length)}</Notice>
          <p className="rounded-lg border-2 border-amber-400 bg-amber-50 p-3 text-sm text-amber-900">{ti.passwordsNote}</p>
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-50 text-slate-600">
                <tr>
                  <th className={cell}>{u.columns.name}</th>
                  <th className={cell}>{u.columns.email}</th>
                  <th className={cell}>{ti.passwordColumn}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {created.map((user) => (
                  <tr key={user.id} data-testid="imported-user">
                    <td className={cell}>
                      <Link href={`/admin/users/${user.id}`} className="text-brand-700 hover:underline">
                        {user.name}
                      </Link>
                    </td>
                    <td className={`${cell} break-all`} data-testid="imported-email">
                      {user.email}
                    </td>
                    <td className={cell}>
                      <code className="select-all font-mono" data-testid="imported-password">
                        {user.password}
                      </code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="flex flex-wrap gap-3">
            <Button type="button" onClick={() => download(created)}>
              {ti.download}
            </Button>
            <Button
              type="button"
              variant="secondary"
              onClick={() => {
                setCreated(null);
                changeText("");
              }}
            >
              {ti.another}
            </Button>
            <Link href="/admin/users" className={buttonClass("ghost")}>
              {u.toList}
            </Link>
          </div>
        </div>
      ) : (
        <>
          <label className="grid gap-1 text-sm">
            {ti.file}
            <input
              type="file"
              accept=".csv,text/csv,text/plain"
              className="text-sm"
              onChange={(event) => {
                const file = event.currentTarget.files?.[0];
                if (file) file.text().then(changeText, () => setError(u.errors.failed));
              }}
            />
          </label>
          <TextAreaField
            id="user-import-text"
            label={ti.text}
            value={text}
            onChange={(event) => changeText(event.target.value)}
            rows={10}
            spellCheck={false}
            monospace
          />
          <div className="flex flex-wrap gap-3">
            <Button type="button" variant="secondary" disabled={pending || text.trim() === ""} onClick={check}>
              {running === "check" ? ti.checking : ti.check}
            </Button>
            <Button type="button" disabled={!canApply} onClick={apply}>
              {running === "apply" ? ti.applying : ti.apply}
            </Button>
          </div>
          {error && <Notice tone="error">{error}</Notice>}
          {preview && preview.errors.length > 0 && (
            <section className="space-y-2" data-testid="import-errors">
              <Notice tone="error">{ti.errorsTitle(preview.errors.length)}</Notice>
              <table className="w-full text-left text-sm">
                <thead className="bg-slate-50 text-slate-600">
                  <tr>
                    <th className={cell}>{ti.columns.line}</th>
                    <th className={cell}>{ti.columns.field}</th>
                    <th className={cell}>{ti.columns.message}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {preview.errors.map((entry, index) => (
                    <tr key={index} data-testid="import-error">
                      <td className={cell}>{entry.line}</td>
                      <td className={cell}>{ti.fieldNames[entry.field] ?? entry.field}</td>
                      <td className={`${cell} text-red-800`}>{entry.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
          {preview && preview.rows.length > 0 && (
            <section className="space-y-2" data-testid="import-preview">
              <h2 className="font-semibold">{ti.previewTitle(preview.rows.filter((row) => !errorLines.has(row.line)).length)}</h2>
              <div className="overflow-x-auto">
                <table className="w-full min-w-[720px] text-left text-sm">
                  <thead className="bg-slate-50 text-slate-600">
                    <tr>
                      <th className={cell}>{ti.columns.line}</th>
                      <th className={cell}>{u.columns.name}</th>
                      <th className={cell}>{u.columns.email}</th>
                      <th className={cell}>{u.columns.position}</th>
                      <th className={cell}>{u.columns.department}</th>
                      <th className={cell}>{u.columns.role}</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {preview.rows.map((row) => (
                      <tr key={row.line} data-testid="import-row" className={errorLines.has(row.line) ? "bg-red-50" : undefined}>
                        <td className={cell}>{row.line}</td>
                        <td className={cell}>{row.name}</td>
                        <td className={`${cell} break-all`}>{row.email}</td>
                        <td className={cell}>{row.position}</td>
                        <td className={cell}>{row.department || ti.noDepartment}</td>
                        <td className={cell}>{t.roles[row.role]}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          )}
        </>
      )}
    </div>
  );
}
