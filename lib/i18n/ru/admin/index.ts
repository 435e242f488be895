// Strings of the administration pages; each area has its own module.
import { cards, questions, bankLint, decks, contentTransfer } from "./content";
import { exams, examEditor } from "./exams";
import { departments } from "./structure";
import { users } from "./users";
import { audit } from "./audit";

export const admin = {
  tabsLabel: "Разделы администрирования",
  saving: "Сохраняем…",
  conflict: { keepMine: "Оставить мою (перезаписать)", takeCurrent: "Взять текущую" },
  cancel: "Отмена",
  tabs: { home: "Обзор", decks: "Колоды", users: "Пользователи", departments: "Подразделения", exams: "Экзамены", audit: "Журнал изменений" },
  sections: {
    decks: "Колоды, карточки и вопросы; выгрузка колоды в формате content/ и CSV, загрузка с предпросмотром.",
    exams: "Настройки экзаменов и их назначение подразделениям и сотрудникам со сроками.",
    users: "Создание учётных записей, роли, подразделения, блокировка и разблокировка.",
    departments: "Дерево подразделений: названия, вложенность, руководители.",
    audit: "Кто, когда и что изменил — со значениями до и после.",
  },
  open: "Открыть →",
  demo: {
    notice: "Демо-режим",
    noticeText: "В портале есть демонстрационные учётные записи с общеизвестным паролем. Перед настоящей работой администратор удаляет их в разделе «Администрирование».",
    title: "Демо-доступ",
    intro: "Эти учётные записи входят в портал с опубликованным демо-паролем. Демо-учётные записи будут заблокированы и лишатся пароля (их попытки и записи журнала останутся, в отчётах заблокированные не учитываются); у руководителей из org.yaml будет удалён только демо-пароль — учётные записи останутся.",
    kinds: { ACCOUNT: "демо-учётная запись", PASSWORD: "демо-пароль руководителя" } as Record<string, string>,
    remove: "Удалить демо-доступ",
    confirm: (count: number) =>
      `Заблокировать демо-учётные записи и удалить демо-пароли (${count})? Их сеансы завершатся. Отменить это нельзя: вернуть демо можно только командой npm run db:seed -- --demo.`,
    confirmSubmit: "Удалить",
    done: (deactivated: number, cleared: number) => `Готово: заблокировано демо-учётных записей — ${deactivated}, удалено демо-паролей — ${cleared}.`,
    errors: {
      changed: "Список демо-доступа изменился: обновите страницу и проверьте его ещё раз.",
      noOwnAdmin:
        "Сначала создайте своего администратора (npm run user:create-admin -- <почта>) или назначьте роль «Администратор» настоящему сотруднику: иначе после удаления в портале не останется администратора.",
      failed: "Не удалось удалить. Проверьте сеть и попробуйте ещё раз.",
      notFound: "Не найдено.",
    },
  },
  cards,
  questions,
  bankLint,
  departments,
  decks,
  exams,
  examEditor,
  audit,
  contentTransfer,
  users,
};
