import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ReadinessBar } from "@/components/study/readiness-bar";
import { ProtocolForm } from "@/components/team/protocol-form";
import { EmptyState, Panel } from "@/components/ui/panel";
import { requireRecordIds, requireUser } from "@/lib/auth";
import { can } from "@/lib/access/permissions";
import { messages } from "@/lib/i18n";
import { formatDateTime } from "@/lib/i18n/format";
import { defaultProtocolPeriod } from "@/lib/reports/protocol";
import { teamMember, teamMemberRow } from "@/lib/reports/team";
import { companyTimeZone } from "@/lib/time-zone";

export const metadata: Metadata = { title: messages().team.title };

export default async function TeamMemberPage({ params }: PageProps<"/team/members/[memberId]">) {
  const { memberId } = requireRecordIds(await params);
  const user = await requireUser(`/team/members/${memberId}`);
  if (!can(user.role, "viewTeam")) notFound();
  const [member, row] = await Promise.all([teamMember(user, memberId), teamMemberRow(user, memberId)]);
  if (!member || !row) notFound();
  const t = messages();
  const timeZone = companyTimeZone();
  return (
    <div className="space-y-5">
      <Link href="/team" className="text-sm text-brand-700 hover:underline">
        {t.team.toTeam}
      </Link>
      <header>
        <h1 className="text-2xl font-semibold">{member.name}</h1>
        <p className="text-slate-600">
          {member.position} · {member.department?.name} · {member.email}
        </p>
      </header>
      <div className="grid gap-5 md:grid-cols-2">
        <Panel title={t.team.attemptsTitle}>
          {member.attempts.length === 0 ? (
            <EmptyState>{t.team.noAttempts}</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="member-attempts">
              {member.attempts.map((attempt) => (
                <li key={attempt.id} className="py-2 text-sm">
                  <Link href={`/team/attempts/${attempt.id}`} className="font-medium text-brand-700 hover:underline">
                    {attempt.exam.title}
                  </Link>
                  <span className="block text-slate-600">
                    {formatDateTime(attempt.startedAt, timeZone)} ·{" "}
                    {attempt.status === "IN_PROGRESS"
                      ? t.exams.attemptStatus.IN_PROGRESS
                      : `${attempt.percent ?? 0}% · ${attempt.passed ? t.exams.statusPassed : t.exams.statusFailed}`}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Panel>
        <Panel title={t.team.readinessTitle}>
          <div className="mb-3">
            <ReadinessBar value={member.readiness} label={t.deck.readiness} />
          </div>
          <ul className="space-y-2 text-sm">
            {member.cards.map((card) => (
              <li key={card.id}>
                {card.front}
                <ReadinessBar value={card.readiness} label={card.front} />
              </li>
            ))}
          </ul>
          <p className="mt-3 text-xs text-slate-500">{t.team.practicePrivate}</p>
        </Panel>
      </div>
      <ProtocolForm
        action={`/team/members/${member.id}/sheet`}
        title={t.protocol.sheetFormTitle}
        exams={row.exams.map((exam) => ({ id: exam.examId, title: exam.title }))}
        period={defaultProtocolPeriod()}
        empty={t.protocol.noMemberExams}
        testId="sheet-form"
      />
    </div>
  );
}
