// Russian UI strings. A second locale is another file of the same shape.
export const ru = {
  appName: "Аттестация",
  appTagline: "Подготовка к аттестации сотрудников бэк-офиса",
  roles: {
    EMPLOYEE: "Сотрудник",
    HEAD: "Руководитель",
    HR: "Отдел кадров",
    ADMIN: "Администратор",
  },
  nav: {
    home: "Главная",
    logout: "Выйти",
    mainMenu: "Основное меню",
  },
  login: {
    title: "Вход в портал",
    email: "Электронная почта",
    password: "Пароль",
    submit: "Войти",
    submitting: "Входим…",
    invalid: "Неверная почта или пароль.",
    throttled: (minutes: number) =>
      `Слишком много неудачных попыток входа. Повторите через ${minutes} мин.`,
    emailInvalid: "Введите адрес электронной почты, например ivanov@company.ru.",
    passwordRequired: "Введите пароль.",
    loggedOut: "Вы вышли из портала.",
    failed: "Не удалось войти. Попробуйте ещё раз.",
  },
  logout: {
    title: "Выход из портала",
    text: "Завершить сеанс на этом устройстве?",
    submit: "Выйти",
    cancel: "Остаться",
  },
  home: {
    greeting: (name: string) => `Здравствуйте, ${name}!`,
    decksTitle: "Колоды для подготовки",
    decksEmpty: "Опубликованных колод пока нет.",
    cardsCount: (n: number) => `${n} ${plural(n, "карточка", "карточки", "карточек")}`,
    questionsCount: (n: number) => `${n} ${plural(n, "вопрос", "вопроса", "вопросов")}`,
    studySoon: "Интервальное повторение и тренировочные вопросы появятся в следующем обновлении; пока карточки можно читать.",
    examsTitle: "Мои экзамены",
    examsEmpty: "Назначенных экзаменов пока нет.",
    examsSoon: "Пробная аттестация с таймером появится в следующем обновлении.",
    teamTitle: "Моя команда",
    teamEmpty: "Вы не назначены руководителем ни одного отдела.",
    membersCount: (n: number) => `${n} ${plural(n, "сотрудник", "сотрудника", "сотрудников")}`,
    teamSoon: "Результаты и готовность команды появятся вместе с экзаменами.",
    adminTitle: "Администрирование",
    adminSoon: "Редакторы контента, экзаменов и пользователей появятся в следующих обновлениях.",
    stats: {
      decks: "Колоды",
      cards: "Карточки",
      questions: "Активные вопросы",
      users: "Пользователи",
      departments: "Подразделения",
    },
  },
  deck: {
    back: "← На главную",
    cardsTitle: "Карточки",
  },
  errors: {
    notFoundTitle: "Страница не найдена",
    notFoundText: "Такой страницы нет или у вас нет к ней доступа.",
    errorTitle: "Что-то пошло не так",
    errorText: "Мы уже записали ошибку. Попробуйте обновить страницу.",
    retry: "Попробовать снова",
    toHome: "На главную",
  },
  loading: "Загрузка…",
};

const pluralRules = new Intl.PluralRules("ru");

function plural(n: number, one: string, few: string, many: string) {
  const category = pluralRules.select(n);
  return category === "one" ? one : category === "few" ? few : many;
}

export type Messages = typeof ru;
