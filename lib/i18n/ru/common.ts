// Strings shared across the portal: roles, navigation, paging.
export const roles = {
  EMPLOYEE: "Сотрудник",
  HEAD: "Руководитель",
  HR: "Отдел кадров",
  ADMIN: "Администратор",
};

export const pager = {
  page: (page: number, pages: number) => `Страница ${page} из ${pages}`,
  previous: "← Назад",
  next: "Вперёд →",
};

export const nav = {
  home: "Главная",
  settings: "Настройки",
  attempts: "Мои попытки",
  team: "Команда",
  admin: "Администрирование",
  logout: "Выйти",
  mainMenu: "Основное меню",
  menu: "Меню",
};
