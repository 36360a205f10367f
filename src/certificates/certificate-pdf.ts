import PDFDocument from 'pdfkit';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { translateAny, type Language } from '../i18n/i18n.js';
import { ticketQrPng } from '../common/ticket-qr.js';

/** DejaVu Sans holds every Kazakh letter (ә ғ қ ң ө ұ ү һ і) and embeds as a subset with a ToUnicode map, so the text can be extracted. */
const FONT_DIR = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const REGULAR = join(FONT_DIR, 'DejaVuSans.ttf');
const BOLD = join(FONT_DIR, 'DejaVuSans-Bold.ttf');

export interface CertificateContent {
  language: Language;
  code: string;
  verifyUrl: string;
  fullName: string;
  companyName: string;
  seminarTitle: string;
  /** the seminar's date in its own zone and the registrant's language */
  date: string;
  city: string;
  hours: string;
  organizerName: string;
}

/** A one-page A4 landscape certificate of attendance. Pure: content in, PDF bytes out. */
export function renderCertificatePdf(content: CertificateContent): Promise<Buffer> {
  const t = (key: string, params: Record<string, unknown> = {}) => translateAny(content.language, `certificates.${key}`, params);
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 56,
    info: { Title: `${t('title')}: ${content.fullName}`, Author: content.organizerName, Subject: content.seminarTitle },
    lang: content.language,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.registerFont('regular', REGULAR);
  doc.registerFont('bold', BOLD);
  const width = doc.page.width - 112;
  const blue = '#0068a8';

  doc.rect(28, 28, doc.page.width - 56, doc.page.height - 56).lineWidth(2).strokeColor(blue).stroke();
  doc.font('regular').fontSize(12).fillColor('#52606d').text(content.organizerName, 56, 56, { width, align: 'center' });
  doc.moveDown(1.2);
  doc.font('bold').fontSize(30).fillColor(blue).text(t('title'), { width, align: 'center' });
  doc.moveDown(0.8);
  doc.font('regular').fontSize(14).fillColor('#1f2933').text(t('certifies'), { width, align: 'center' });
  doc.moveDown(0.4);
  doc.font('bold').fontSize(24).text(content.fullName, { width, align: 'center' });
  doc.moveDown(0.3);
  doc.font('regular').fontSize(14).text(t('ofCompany', { company: content.companyName }), { width, align: 'center' });
  doc.moveDown(0.6);
  doc.text(t('attended'), { width, align: 'center' });
  doc.moveDown(0.3);
  doc.font('bold').fontSize(18).text(`«${content.seminarTitle}»`, { width, align: 'center' });
  doc.moveDown(0.3);
  doc.font('regular').fontSize(14).text(t('details', { date: content.date, city: content.city, hours: content.hours }), { width, align: 'center' });
  doc.moveDown(0.6);
  doc.text(t('organizer', { organizer: content.organizerName }), { width, align: 'center' });

  const qrSize = 96;
  const bottom = doc.page.height - 56 - qrSize;
  doc.image(ticketQrPng(content.verifyUrl, 4), doc.page.width - 56 - qrSize, bottom, { width: qrSize, height: qrSize });
  const textWidth = width - qrSize - 24;
  doc.font('regular').fontSize(10).fillColor('#52606d').text(t('notice'), 56, bottom, { width: textWidth });
  doc.moveDown(0.6);
  doc.font('bold').fontSize(11).fillColor('#1f2933').text(t('code', { code: content.code }), { width: textWidth });
  doc.font('regular').fontSize(10).fillColor('#52606d').text(t('verifyAt', { url: content.verifyUrl }), { width: textWidth });
  doc.end();
  return done;
}
