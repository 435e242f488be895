"use client";

import { useEffect, useRef, useState } from "react";
import Link from "next/link";
import { Button, buttonClass } from "@/components/ui/button";
import { FormErrors } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { LintFindings } from "@/components/admin/lint-findings";
import type { ContentImportResult } from "@/lib/admin/content-transfer";
import type { ContentChange, ContentChangeAction, ContentItemKind } from "@/lib/content/apply";
import type { ImportResult } from "@/lib/content/import";
import { messages } from "@/lib/i18n";

type Mode = "check" | "import";

const ACTIONS: ContentChangeAction[] = ["created", "changed", "retired"];
const KINDS: ContentItemKind[] = ["department", "user", "deck", "card", "question", "exam", "assignment"];

/** Posts the archive to the import route, reporting the upload's progress in percent. */
function send(file: File, mode: Mode, onProgress: (percent: number) => void): Promise<ContentImportResult> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", "/admin/decks/import/archive");
    request.responseType = "json";
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    request.onload = () => {
      const body = request.response as ContentImportResult | null;
      if (body && typeof body === "object" && "ok" in body) resolve(body);
      else reject(new Error(`import answered ${request.status}`));
    };
    request.onerror = () => reject(new Error("network error"));
    const form = new FormData();
    form.append("file", file);
    form.append("mode", mode);
    request.send(form);
  });
}

function ChangeList({ action, items }: { action: ContentChangeAction; items: ContentChange[] }) {
  const t = messages().admin.contentTransfer;
  return (
    <section className="space-y-2" data-testid={`import-${action}`}>
      <h3 className="font-semibold">
        {t.actions[action]}: {items.length}
      </h3>
      {KINDS.map((kind) => {
        const ofKind = items.filter((item) => item.kind === kind);
        if (ofKind.length === 0) return null;
        return (
          <div key={kind} className="space-y-1">
            <h4 className="text-sm font-medium text-slate-700">
              {t.kinds[kind]} ({ofKind.length})
            </h4>
            <ul className="space-y-1 border-l-2 border-slate-200 pl-3 text-sm">
              {ofKind.map((item) => (
                <li key={item.key} data-testid="import-item" data-kind={kind} className="break-words">
                  <span className="font-mono text-xs text-slate-600">{item.key}</span> — {item.title}
                  {item.substantive && <strong className="ml-1 font-medium text-amber-800">({t.substantive})</strong>}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}

function Warnings({ report }: { report: ImportResult }) {
  if (report.warnings.length === 0) return null;
  return (
    <section className="space-y-2" data-testid="import-warnings">
      <Notice tone="info">{messages().admin.bankLint.importWarningsTitle(report.warnings.length)}</Notice>
      <LintFindings findings={report.warnings} testId="import-warning" />
    </section>
  );
}

function Report({ report }: { report: ImportResult }) {
  const t = messages().admin.contentTransfer;
  if (report.errors.length > 0) {
    return (
      <section className="space-y-2" data-testid="import-errors">
        <Notice tone="error">{t.errorsTitle(report.errors.length)}</Notice>
        <ul className="space-y-1 text-sm text-red-800">
          {report.errors.map((error) => (
            <li key={error} data-testid="import-error" className="break-words font-mono text-xs">
              {error}
            </li>
          ))}
        </ul>
        <Warnings report={report} />
      </section>
    );
  }
  return (
    <section className="space-y-4" data-testid="import-preview">
      <Notice tone="info">{report.items.length ? t.counts(report.created, report.changed, report.retired) : t.nothingToDo}</Notice>
      <Warnings report={report} />
      {ACTIONS.map((action) => {
        const items = report.items.filter((item) => item.action === action);
        return items.length ? <ChangeList key={action} action={action} items={items} /> : null;
      })}
    </section>
  );
}

/** Pick a content/ archive, check it (a dry run), then import the same file all at once. */
export function ContentImportForm({ maxMegabytes }: { maxMegabytes: number }) {
  const t = messages().admin.contentTransfer;
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [imported, setImported] = useState<ImportResult | null>(null);
  const [fileErrors, setFileErrors] = useState<string[]>([]);
  const [failed, setFailed] = useState(false);
  const [running, setRunning] = useState<Mode | null>(null);
  const [progress, setProgress] = useState(0);
  const root = useRef<HTMLDivElement>(null);
  // Marks the form as interactive (tests wait for it before choosing a file).
  useEffect(() => root.current?.setAttribute("data-ready", "true"), []);

  const chooseFile = (next: File | null) => {
    setFile(next);
    // A preview describes the file it checked: another file calls for a new check.
    setPreview(null);
    setFileErrors([]);
    setFailed(false);
  };

  async function run(mode: Mode) {
    if (!file) return;
    setRunning(mode);
    setProgress(0);
    setFailed(false);
    setFileErrors([]);
    try {
      const result = await send(file, mode, setProgress);
      if (!result.ok) {
        setPreview(null);
        if (result.error === "invalid") setFileErrors(Object.values(result.fieldErrors).flatMap((lines) => lines ?? []));
        else setFailed(true);
      } else if (result.applied) setImported(result.report);
      else setPreview(result.report);
    } catch {
      setFailed(true);
    } finally {
      setRunning(null);
    }
  }

  if (imported) {
    return (
      <div className="space-y-4" data-testid="import-done">
        <Notice tone="info">{t.done(imported.created, imported.changed, imported.retired)}</Notice>
        <div className="flex flex-wrap gap-3">
          <Link href="/admin/decks" className={buttonClass("primary")}>
            {t.toDecks}
          </Link>
          <Button
            type="button"
            variant="secondary"
            onClick={() => {
              setImported(null);
              chooseFile(null);
            }}
          >
            {t.another}
          </Button>
        </div>
      </div>
    );
  }

  const canImport = running === null && file !== null && preview !== null && preview.errors.length === 0 && preview.items.length > 0;
  return (
    <div ref={root} className="space-y-4" data-testid="content-import-form">
      <div className="grid gap-1 text-sm">
        <label htmlFor="content-archive">{t.file}</label>
        <input
          id="content-archive"
          type="file"
          accept=".zip,application/zip"
          className="text-sm"
          aria-describedby="content-archive-hint"
          onChange={(event) => chooseFile(event.currentTarget.files?.[0] ?? null)}
        />
        <p id="content-archive-hint" className="text-xs text-slate-600">
          {t.fileHint(maxMegabytes)}
        </p>
        <FormErrors messages={fileErrors} />
      </div>
      <div className="flex flex-wrap gap-3">
        <Button type="button" variant="secondary" disabled={running !== null || file === null} onClick={() => run("check")}>
          {running === "check" ? t.checking : t.check}
        </Button>
        <Button type="button" disabled={!canImport} onClick={() => run("import")}>
          {running === "import" ? t.importing : t.import}
        </Button>
      </div>
      {running ? (
        <div role="status" className="space-y-1 text-sm text-slate-700" data-testid="import-progress">
          <progress className="h-2 w-full max-w-sm" max={100} value={progress < 100 ? progress : undefined} />
          <p>{progress < 100 ? t.uploading(progress) : t.processing}</p>
        </div>
      ) : (
        !preview && <p className="text-xs text-slate-600">{t.checkFirst}</p>
      )}
      {failed && <Notice tone="error">{t.errors.failed}</Notice>}
      {preview && <Report report={preview} />}
    </div>
  );
}
