/** What an "Add to Google Calendar" link carries. Pure: no database, no Nest. */
export interface GoogleCalendarEvent {
  title: string;
  startsAt: Date;
  endsAt: Date;
  location: string | null;
  details: string;
}

/** Google Calendar's event template link (times in UTC), for people who do not open .ics files. */
export function googleCalendarUrl(event: GoogleCalendarEvent): string {
  const utc = (date: Date) => date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const params = new URLSearchParams({ action: 'TEMPLATE', text: event.title, dates: `${utc(event.startsAt)}/${utc(event.endsAt)}`, details: event.details });
  if (event.location) params.set('location', event.location);
  return `https://calendar.google.com/calendar/render?${params.toString()}`;
}
