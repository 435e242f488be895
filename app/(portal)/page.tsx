import Link from "next/link";
import { ExamsPanel } from "@/components/exams/exams-panel";
import { EmptyState, Panel } from "@/components/ui/panel";
import { requireUser, type CurrentUser } from "@/lib/auth";
import { can } from "@/lib/access/permissions";
import { listPublishedDecks } from "@/lib/content/decks";
import { portalStats } from "@/lib/content/stats";
import { listTeamDepartments } from "@/lib/org/team";
import { messages } from "@/lib/i18n";
import { formatDateTime } from "@/lib/i18n/format";
import { changesSinceLastVisit } from "@/lib/study/card-changes";
import { companyTimeZone } from "@/lib/time-zone";
import { ChangesPanel } from "@/components/study/changes-panel";

export default async function HomePage() {
  const user = await requireUser("/");
  const t = messages();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t.home.greeting(user.name)}</h1>
      {can(user.role, "study") && <CardChanges user={user} />}
      <div className="grid gap-6 md:grid-cols-2">
        <DecksPanel />
        <ExamsPanel user={user} />
        {can(user.role, "viewTeam") && <TeamPanel user={user} />}
        {can(user.role, "manageContent") && <AdminPanel user={user} />}
      </div>
    </div>
  );
}

async function CardChanges({ user }: { user: CurrentUser }) {
  const { items, total } = await changesSinceLastVisit(user.id);
  if (items.length === 0) return null;
  const timeZone = companyTimeZone();
  return (
    <ChangesPanel
      items={items.map(({ changedAt, ...item }) => ({ ...item, date: formatDateTime(changedAt, timeZone) }))}
      more={total - items.length}
      until={items[0].changedAt.toISOString()}
    />
  );
}

async function DecksPanel() {
  const t = messages();
  const decks = await listPublishedDecks();
  return (
    <Panel title={t.home.decksTitle}>
      {decks.length === 0 ? (
        <EmptyState>{t.home.decksEmpty}</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100">
          {decks.map((deck) => (
            <li key={deck.slug} className="py-2">
              <Link href={`/decks/${deck.slug}`} className="font-medium text-brand-700 hover:underline">
                {deck.title}
              </Link>
              <p className="text-sm text-slate-500">{t.home.cardsCount(deck.cardCount)}</p>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

async function TeamPanel({ user }: { user: CurrentUser }) {
  const t = messages();
  const departments = await listTeamDepartments(user);
  return (
    <Panel title={t.home.teamTitle} action={<Link href="/team" className="text-sm text-brand-700 hover:underline">{t.team.open}</Link>}>
      {departments.length === 0 ? (
        <EmptyState>{t.home.teamEmpty}</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="team-departments">
          {departments.map((department) => (
            <li key={department.id} className="flex justify-between gap-3 py-2">
              <span style={{ paddingLeft: `${department.depth * 1.25}rem` }}>{department.name}</span>
              <span className="text-sm text-slate-500">{t.home.membersCount(department.memberCount)}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm">
        <Link href="/team/topics" className="text-brand-700 hover:underline">{t.team.tabs.topics}</Link>
        <Link href="/team/questions" className="text-brand-700 hover:underline">{t.team.tabs.questions}</Link>
        <Link href="/team/trends" className="text-brand-700 hover:underline">{t.team.tabs.trends}</Link>
      </p>
    </Panel>
  );
}

async function AdminPanel({ user }: { user: CurrentUser }) {
  const t = messages();
  const stats = await portalStats(user);
  return (
    <Panel title={t.home.adminTitle} action={<Link href="/admin" className="text-sm text-brand-700 hover:underline">{t.admin.open}</Link>}>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3" data-testid="portal-stats">
        {(Object.keys(t.home.stats) as (keyof typeof stats)[]).map((key) => (
          <div key={key} className="rounded-lg bg-slate-50 p-3">
            <dt className="text-xs text-slate-500">{t.home.stats[key]}</dt>
            <dd className="text-xl font-semibold">{stats[key]}</dd>
          </div>
        ))}
      </dl>
    </Panel>
  );
}
