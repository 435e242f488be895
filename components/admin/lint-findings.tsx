// The bank linter's findings (lib/content/bank-lint.ts), as the import preview and the question editor show them.
import type { LintFinding } from "@/lib/content/bank-lint";
import { messages } from "@/lib/i18n";

const tone = {
  error: "border-red-200 bg-red-50 text-red-900",
  warning: "border-amber-200 bg-amber-50 text-amber-950",
} as const;

export function LintFindings({ findings, testId }: { findings: LintFinding[]; testId: string }) {
  const t = messages().admin.bankLint;
  return (
    <ul className="space-y-2 text-sm">
      {findings.map((finding) => (
        <li
          key={`${finding.rule} ${finding.questionKeys.join(" ")} ${finding.cardKeys.join(" ")} ${finding.message}`}
          data-testid={testId}
          data-rule={finding.rule}
          data-severity={finding.severity}
          className={`space-y-1 rounded-lg border p-2 ${tone[finding.severity]}`}
        >
          <p className="font-medium">
            {t.severities[finding.severity]}: {t.rules[finding.rule]}
            {finding.questionKeys.length > 0 && <span className="ml-1 font-mono text-xs">({finding.questionKeys.join(", ")})</span>}
          </p>
          <p className="break-words">{finding.message}</p>
        </li>
      ))}
    </ul>
  );
}
