/**
 * A contacts spreadsheet as Excel saves it: BOM, CRLF, quoted commas and newlines, empty cells,
 * and one bad row of each kind. `good` are the rows that must be counted; `rejects` the exact
 * rejects file (row numbers count data rows from 1).
 */
export const HEADER = 'Contact ID,Date and time,Channel,Handling,Centre,Wait (s),Handling time (s),Satisfaction,Outcome,Notes';
const ROWS = [
  'c1,2021-03-04T10:00:00Z,Telephone,,Customer Services,12,300,4,Resolved,"called about tax, twice"',
  '"c,2",2021-03-04T11:00:00+00:00,Online,,,,,,,',
  'c3,04/03/2021 10:00,Telephone,,,,,,,',
  'c4,2021-03-04T12:00:00Z,Carrier pigeon,,,,,,,',
  'c5,2021-03-04T12:00:00Z,Telephone,,,twelve,,,,',
  '"c6\r\nsecond line",2021-03-04T12:00:00Z,Telephone,,,,,,,',
  'c7,2021-03-04T12:00:00Z,Web chat,,,,,,,"a note\r\nover two lines"',
  'c8\u0001,2021-03-04T12:00:00Z,Telephone,,,,,,,',
  'c9,2021-03-04T12:00:00Z,Chatbot,Assisted,,,,,,',
  ',,,,,,,,,',
  'c11,2021-03-05T09:00:00Z,Telephone,,,5,abc,9,,',
  'c12,2021-03-05T09:30:00Z,Switchboard,Assisted,,,,,,',
  'c13,2021-03-05T09:30:00Z,Telephone',
  'c14,2021-03-05T09:30:00Z,Telephone,,,-3,,,,',
];
export const SPREADSHEET = `\uFEFF${HEADER}\r\n${ROWS.join('\r\n')}\r\n`;
export const GOOD = { telephony: 1, online: 1, webchat: 1, switchboard: 1 };
/** The API's own words for a text where a whole number of seconds belongs: every bound it fails. */
const SECONDS = (f: string) => `${f}: must not be greater than 2147483647; ${f}: must not be less than 0; ${f}: must be an integer number`;
const CONTROL = '"id: must not contain control characters (U+0000–U+001F, U+007F) or lone surrogates"';
export const EXPECTED_REJECTS = [
  `row,problem,${HEADER}`,
  `3,"occurredAt: must be an ISO 8601 date-time with an offset, e.g. 2021-03-31T23:30:00Z",c3,04/03/2021 10:00,Telephone,,,,,,,`,
  `4,"channel: unknown channel; one of online, app, switchboard, chatbot, telephony, webchat, email, paper, post, face_to_face, social_media",c4,2021-03-04T12:00:00Z,Carrier pigeon,,,,,,,`,
  `5,${SECONDS('waitSeconds')},c5,2021-03-04T12:00:00Z,Telephone,,,twelve,,,,`,
  `6,${CONTROL},"c6\r\nsecond line",2021-03-04T12:00:00Z,Telephone,,,,,,,`,
  `8,${CONTROL},c8\u0001,2021-03-04T12:00:00Z,Telephone,,,,,,,`,
  `9,handling: channel chatbot allows only self_service,c9,2021-03-04T12:00:00Z,Chatbot,Assisted,,,,,,`,
  `11,${SECONDS('durationSeconds')}; satisfaction: must not be greater than 5,c11,2021-03-05T09:00:00Z,Telephone,,,5,abc,9,,`,
  `13,"has 3 cells, the header has 10",c13,2021-03-05T09:30:00Z,Telephone`,
  `14,waitSeconds: must not be less than 0,c14,2021-03-05T09:30:00Z,Telephone,,,'-3,,,,`,
];
