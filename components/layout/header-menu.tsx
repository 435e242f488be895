"use client";

import { useRef } from "react";

/**
 * The phone's disclosure for the header's links. A link inside closes it (the header stays mounted across
 * navigations); Escape closes it and gives the focus back to its button.
 */
export function HeaderMenu({ label, children }: { label: string; children: React.ReactNode }) {
  const menu = useRef<HTMLDetailsElement>(null);
  const close = (focusButton: boolean) => {
    menu.current!.open = false;
    if (focusButton) menu.current!.querySelector("summary")!.focus();
  };
  return (
    <details
      ref={menu}
      className="sm:hidden"
      onClick={(event) => {
        if ((event.target as Element).closest("a")) close(false);
      }}
      onKeyDown={(event) => {
        if (event.key === "Escape") close(true);
      }}
    >
      <summary className="cursor-pointer list-none rounded-lg border border-slate-300 px-3 py-1.5 text-sm marker:hidden hover:bg-slate-50">
        {label}
      </summary>
      <div className="absolute inset-x-0 top-full z-20 border-b border-slate-200 bg-white px-4 py-2 shadow-md">{children}</div>
    </details>
  );
}
