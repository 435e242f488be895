import type { Metadata, Viewport } from "next";
import { messages } from "@/lib/i18n";
import "./globals.css";

const t = messages();

export const metadata: Metadata = {
  title: { default: t.appName, template: `%s · ${t.appName}` },
  description: t.appTagline,
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="ru">
      <body className="min-h-dvh font-sans">{children}</body>
    </html>
  );
}
