// Russian UI strings, one module per area. A second locale is another folder of the same shape.
import { admin } from "./admin";
import { roles, pager, nav } from "./common";
import { login, setPassword, ownPassword, logout } from "./auth";
import { home, deck, study, settings } from "./study";
import { exams } from "./exams";
import { team, reportExports, itemStats, topics, trends, protocol } from "./team";
import { errors } from "./errors";
import { mail } from "./mail";

export const ru = {
  appName: "Аттестация",
  appTagline: "Подготовка к аттестации сотрудников бэк-офиса",
  roles,
  pager,
  nav,
  login,
  setPassword,
  ownPassword,
  logout,
  home,
  deck,
  study,
  exams,
  team,
  exports: reportExports,
  itemStats,
  topics,
  trends,
  protocol,
  admin,
  settings,
  errors,
  mail,
  loading: "Загрузка…",
};

export type Messages = typeof ru;
