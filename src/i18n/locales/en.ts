/**
 * English messages. The Russian and Kazakh files are typed against this one, so a key added
 * here and missing there fails the build (and `i18n.spec.ts`). Placeholders look like {name}.
 * Each feature keeps its keys under its own top-level section.
 */
export const en = {
  meta: { languageName: 'English' },
  layout: {
    siteName: 'UN Business Seminars',
    tagline: 'Supplying UN peacekeeping: seminars for Kazakhstan companies',
    skipToContent: 'Skip to content',
    language: 'Language',
    footer: 'United Nations procurement outreach in Kazakhstan',
    console: 'Organizer console',
  },
  catalogue: {
    title: 'Upcoming seminars',
    intro: 'Learn how your company can bid for United Nations procurement for peacekeeping missions. Seminars are free.',
    empty: 'No seminars are open at the moment. Please check back soon.',
    seatsLeft: '{count} seats left',
    full: 'Waitlist only',
    closed: 'Registration closed',
    online: 'Online',
    details: 'Details and sign-up',
    past: 'Past seminars',
    filterCity: 'City',
    filterLanguage: 'Language',
    filterMonth: 'Month',
    filterAll: 'All',
    filterApply: 'Show',
  },
  seminar: {
    when: 'When',
    where: 'Where',
    language: 'Seminar language',
    capacity: 'Seats',
    seatsLeft: '{count} of {capacity} seats left',
    waitlist: 'All seats are taken. You can join the waitlist; we will email you if a seat frees up.',
    closesAt: 'Registration closes {date}',
    closed: 'Registration for this seminar is closed.',
    cancelled: 'This seminar has been cancelled.',
    onlineLink: 'Online link is sent to confirmed participants.',
    timeZoneNote: 'Times are shown in {zone}.',
    back: 'All seminars',
  },
  languages: { ru: 'Russian', kk: 'Kazakh', en: 'English' },
  signup: {},
  manage: {},
  email: {},
  admin: {
    nav: { seminars: 'Seminars', reports: 'Attendance', outbox: 'Emails', audit: 'Audit log', checkIn: 'Door check-in', accounts: 'Accounts', signOut: 'Sign out' },
  },
  checkin: {},
  reports: {},
  invitations: {},
  errors: {
    title: 'Something went wrong',
    notFound: 'The page you are looking for does not exist.',
    generic: 'Please try again in a moment.',
    back: 'Back to the seminars',
  },
};

type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };
export type MessageTree = Messages<typeof en>;
