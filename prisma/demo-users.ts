// Demo accounts: created only by the demo seed (`npm start`, `npm run db:seed -- --demo`),
// never by the plain content seed. README.md lists them.
import type { Role } from "../lib/generated/prisma/enums";

export const demoPassword = "demo-password";

export const demoUsers: { email: string; name: string; position: string; role: Role; department: string }[] = [
  { email: "admin@demo.local", name: "Админов Артём (демо)", position: "Администратор портала", role: "ADMIN", department: "back-office" },
  { email: "hr@demo.local", name: "Кадрова Ольга (демо)", position: "Специалист по персоналу", role: "HR", department: "back-office" },
  { email: "employee@demo.local", name: "Сотрудникова Мария (демо)", position: "Специалист поддержки", role: "EMPLOYEE", department: "customer-support" },
  { email: "engineer@demo.local", name: "Инженеров Павел (демо)", position: "Системный инженер", role: "EMPLOYEE", department: "system-engineers" },
  { email: "analyst@demo.local", name: "Аналитикова Ирина (демо)", position: "Аналитик", role: "EMPLOYEE", department: "implementation" },
];

/** Heads from content/org.yaml who can sign in with the demo password: */
export const demoHeadDepartments = ["sps", "implementation"];
