import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";

/** A card's back, rendered the same way wherever it is shown. Raw HTML is not rendered. */
export function Markdown({ source }: { source: string }) {
  return (
    <div className="markdown space-y-3 text-slate-800 [&_h2]:mt-4 [&_h2]:text-lg [&_h2]:font-semibold [&_h3]:mt-3 [&_h3]:font-semibold [&_li]:mt-1 [&_ol]:list-decimal [&_ol]:pl-6 [&_ul]:list-disc [&_ul]:pl-6 [&_strong]:font-semibold">
      <ReactMarkdown remarkPlugins={[remarkGfm]}>{source}</ReactMarkdown>
    </div>
  );
}
