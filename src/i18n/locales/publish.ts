import { defineMessages } from '../define-messages.js';

/** A seminar made in the console starts as a draft; Publish is its own step. */
export const publish = defineMessages({
  en: {
    draftNote: 'A new seminar is saved as a draft: nobody sees it until you publish it from the list of seminars.',
    button: 'Publish',
    buttonLabel: 'Publish "{title}"',
    created: 'The seminar was saved as a draft. Check it, then press Publish.',
    published: 'The seminar is published: it is in the catalogue and open for sign-up.',
    draftHint: 'Draft: not shown to the public.',
  },
  ru: {
    draftNote: 'Новый семинар сохраняется как черновик: его никто не видит, пока вы не опубликуете его из списка семинаров.',
    button: 'Опубликовать',
    buttonLabel: 'Опубликовать «{title}»',
    created: 'Семинар сохранён как черновик. Проверьте его и нажмите «Опубликовать».',
    published: 'Семинар опубликован: он в каталоге, запись открыта.',
    draftHint: 'Черновик: не виден публике.',
  },
  kk: {
    draftNote: 'Жаңа семинар жоба ретінде сақталады: оны семинарлар тізімінен жарияламайынша ешкім көрмейді.',
    button: 'Жариялау',
    buttonLabel: '«{title}» жариялау',
    created: 'Семинар жоба ретінде сақталды. Тексеріп, «Жариялау» түймесін басыңыз.',
    published: 'Семинар жарияланды: ол каталогта, тіркелу ашық.',
    draftHint: 'Жоба: жұртшылыққа көрінбейді.',
  },
});
