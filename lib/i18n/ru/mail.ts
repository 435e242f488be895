// E-mail the portal sends (lib/mail/) and the pages about it: the outbox for HR, unsubscribing.
import { plural } from "./plural";

const days = (n: number) => `${n} ${plural(n, "день", "дня", "дней")}`;

export const mail = {
  signature: "Портал «Аттестация»",
  automatic: "Это письмо отправлено автоматически, отвечать на него не нужно.",
  greeting: (name: string) => `Здравствуйте, ${name}!`,
  open: "Открыть портал",
  unsubscribe: "Отписаться от этих писем",
  passwordLink: {
    subject: "Доступ к порталу «Аттестация»",
    intro: "Для вас создан доступ к порталу подготовки к аттестации. Задайте свой пароль по ссылке:",
    expires: (until: string) => `Ссылка работает один раз, до ${until}. Если она не сработала, обратитесь в HR.`,
    action: "Задать пароль",
  },
  dueReminder: {
    subject: (exam: string, left: number) => `Экзамен «${exam}»: осталось ${days(left)}`,
    intro: (exam: string, due: string) => `Вам назначен экзамен «${exam}». Срок сдачи — ${due}.`,
    action: "Перейти к экзамену",
  },
  overdueReminder: {
    subject: (exam: string) => `Экзамен «${exam}»: срок сдачи прошёл`,
    intro: (exam: string, due: string) => `Срок сдачи экзамена «${exam}» истёк ${due}, а экзамен ещё не сдан. Сдайте его как можно скорее.`,
    action: "Перейти к экзамену",
  },
  mandatoryNote: "Напоминания о назначенных экзаменах обязательны, от них нельзя отписаться.",
  digest: {
    subject: (year: number, week: number) => `Сводка по команде: ${week}-я неделя ${year} года`,
    intro: "Что происходит с экзаменами и подготовкой вашей команды.",
    overdue: "Просрочили экзамен",
    failed: "Не сдали экзамен",
    weakest: "Самые слабые темы команды",
    none: "нет",
    member: (name: string, department: string, exam: string) => `${name} (${department}) — «${exam}»`,
    topic: (front: string, share: string) => `${front} — ${share} баллов на экзаменах`,
    action: "Открыть обзор команды",
  },
  kinds: {
    PASSWORD_LINK: "Ссылка для установки пароля",
    DUE_REMINDER: "Напоминание о сроке экзамена",
    OVERDUE_REMINDER: "Экзамен просрочен",
    TEAM_DIGEST: "Еженедельная сводка руководителю",
  } as Record<string, string>,
  outbox: {
    title: "Почта",
    off: "Почта выключена: SMTP-сервер не настроен (переменные SMTP_URL, MAIL_FROM и PORTAL_URL), поэтому письма не создаются и не отправляются.",
    on: "Почта включена: письма отправляются через SMTP-сервер по мере появления.",
    total: (n: number) => `${n} ${plural(n, "письмо", "письма", "писем")}`,
    empty: "Писем пока нет.",
    columns: { created: "Создано", recipient: "Кому", message: "Письмо", status: "Состояние" },
    statuses: { WAITING: "Ждёт отправки", SENDING: "Отправляется", SENT: "Отправлено", FAILED: "Не отправлено" } as Record<string, string>,
    attempts: (n: number) => `${n} ${plural(n, "попытка", "попытки", "попыток")}`,
    nextAttempt: (at: string) => `следующая попытка ${at}`,
    sentAt: (at: string) => `отправлено ${at}`,
    pagination: "Страницы почты",
    previous: "← Новее",
    next: "Старее →",
  },
  unsubscribePage: {
    title: "Отписка от писем",
    question: (kind: string) => `Больше не присылать письма «${kind}»?`,
    confirm: "Отписаться",
    done: (kind: string) => `Готово: письма «${kind}» больше не придут.`,
    invalid: "Ссылка для отписки неверна или устарела.",
    home: "На главную",
  },
};
