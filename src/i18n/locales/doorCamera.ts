import { defineMessages } from '../define-messages.js';

/** The door's optional camera scanning (public/door-scanner.js). */
export const doorCamera = defineMessages({
  en: {
    start: 'Scan with the camera',
    stop: 'Close the camera',
    error: 'The camera is not available here. Type the code instead.',
    videoLabel: 'Camera picture: hold the ticket’s QR code in front of it',
  },
  ru: {
    start: 'Сканировать камерой',
    stop: 'Закрыть камеру',
    error: 'Камера здесь недоступна. Введите код вручную.',
    videoLabel: 'Изображение с камеры: поднесите QR-код билета',
  },
  kk: {
    start: 'Камерамен сканерлеу',
    stop: 'Камераны жабу',
    error: 'Камера мұнда қолжетімсіз. Кодты қолмен енгізіңіз.',
    videoLabel: 'Камера кескіні: билеттің QR-кодын жақындатыңыз',
  },
});
