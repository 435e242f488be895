// Error and not-found pages.
export const errors = {
  notFoundTitle: "Страница не найдена",
  notFoundText: "Такой страницы нет или у вас нет к ней доступа.",
  errorTitle: "Что-то пошло не так",
  errorText: "Мы уже записали ошибку. Попробуйте обновить страницу.",
  retry: "Попробовать снова",
  toHome: "На главную",
};
