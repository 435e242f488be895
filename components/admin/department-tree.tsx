"use client";

import { useEffect, useRef } from "react";
import { EmptyState, Panel } from "@/components/ui/panel";
import type { DepartmentNode, HeadCandidate } from "@/lib/admin/departments";
import { messages } from "@/lib/i18n";
import {
  CreateDepartmentForm,
  DeleteDepartmentForm,
  DepartmentHeadForm,
  MoveDepartmentForm,
  RenameDepartmentForm,
  type ParentOption,
} from "./department-forms";

/** Every department in tree order, with its depth. */
function flatten(nodes: DepartmentNode[], depth = 0): ParentOption[] {
  return nodes.flatMap((node) => [{ id: node.id, name: node.name, depth }, ...flatten(node.children, depth + 1)]);
}

function subtreeIds(node: DepartmentNode): string[] {
  return [node.id, ...node.children.flatMap(subtreeIds)];
}

function DepartmentItem({ node, all, candidates }: { node: DepartmentNode; all: ParentOption[]; candidates: HeadCandidate[] }) {
  const t = messages().admin.departments;
  const nameId = `department-${node.id}`;
  const ownSubtree = new Set(subtreeIds(node));
  return (
    <li className="space-y-2">
      <div role="group" aria-labelledby={nameId} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
          <h3 id={nameId} className="font-semibold text-slate-900" data-testid="department-name">
            {node.name}
          </h3>
          <p className="text-sm text-slate-600">
            {t.head}: {node.head?.name ?? t.noHead} · {t.members(node.memberCount)}
            {node.inactiveMemberCount > 0 && ` · ${t.inactiveMembers(node.inactiveMemberCount)}`}
          </p>
        </div>
        <details className="mt-2">
          <summary className="cursor-pointer text-sm text-brand-700 hover:underline">{t.edit}</summary>
          <div className="mt-3 grid gap-4 sm:grid-cols-2">
            {/* Keyed by the current value: a change made elsewhere resets the field to it. */}
            <RenameDepartmentForm key={node.name} department={node} />
            <CreateDepartmentForm parentId={node.id} idPrefix={node.id} />
            <MoveDepartmentForm key={node.parentId} department={node} options={all.filter((option) => !ownSubtree.has(option.id))} />
            <DepartmentHeadForm key={node.head?.id} department={{ id: node.id, headId: node.head?.id ?? null }} candidates={candidates} />
            <DeleteDepartmentForm department={node} />
          </div>
        </details>
      </div>
      {node.children.length > 0 && (
        <ul className="space-y-2 border-l-2 border-slate-200 pl-3 sm:pl-6">
          {node.children.map((child) => (
            <DepartmentItem key={child.id} node={child} all={all} candidates={candidates} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** The editable department tree: each department with its own forms, and a form for a new top-level one. */
export function DepartmentTree({ roots, candidates }: { roots: DepartmentNode[]; candidates: HeadCandidate[] }) {
  const t = messages().admin.departments;
  const root = useRef<HTMLDivElement>(null);
  // Marks the forms as interactive (tests wait for it before using them).
  useEffect(() => root.current?.setAttribute("data-ready", "true"), []);
  const all = flatten(roots);
  return (
    <div ref={root} className="space-y-4" data-testid="department-tree">
      {roots.length === 0 ? (
        <EmptyState>{t.empty}</EmptyState>
      ) : (
        <ul className="space-y-2" aria-label={t.tree}>
          {roots.map((node) => (
            <DepartmentItem key={node.id} node={node} all={all} candidates={candidates} />
          ))}
        </ul>
      )}
      <Panel title={t.addTopLevel}>
        <CreateDepartmentForm parentId={null} idPrefix="top-level" />
      </Panel>
    </div>
  );
}
