import { messages } from "@/lib/i18n";

export default function Loading() {
  return (
    <p role="status" className="animate-pulse text-slate-500">
      {messages().loading}
    </p>
  );
}
