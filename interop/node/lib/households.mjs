// The household events of the interop run, as avsc reads and writes them with no logical-type
// hooks: timestamp-millis as epoch milliseconds, date as epoch days, amounts in fen as numbers.
// Unions of records (subject, fact) are wrapped, { 'org.zhengce.events.X': {...} }, which is how
// avsc's default wrapUnions: 'auto' treats an ambiguous union; ["null", T] unions are plain values.
// The same values are written independently in HouseholdEvents.java.

const household = (value) => ({ 'org.zhengce.events.HouseholdNumber': { value } });
const person = (keyId, value) => ({ 'org.zhengce.events.PersonPseudonym': { keyId, value } });
const member = (pseudonym, relationToHead, birthDate, sex) => ({
  person: { keyId: 'k2024', value: pseudonym },
  relationToHead,
  birthDate,
  sex,
});

/** What Java produces (HouseholdEvents.javaSide()), keyed by subject. */
export const javaSide = [
  {
    key: 'HH-330106-0001',
    value: {
      eventId: 'mz-2024-000123',
      department: 'CIVIL_AFFAIRS',
      occurredAt: 1717200000000, // 2024-06-01T00:00:00Z
      reportedAt: 1717230600000, // 2024-06-01T08:30:00Z
      subject: household('HH-330106-0001'),
      platformEventId: '0b7c6f1e-8d1a-4f53-9a51-1c2d3e4f5a60',
      communityCode: '330106001001',
      fact: {
        'org.zhengce.events.AssistanceGranted': {
          programme: 'DIBAO',
          monthlyAmountFen: 78000,
          oneOffAmountFen: null,
          startDate: 19875, // 2024-06-01
          endDate: null,
          reason: '家庭人均收入低于低保标准',
        },
      },
    },
  },
  {
    key: 'p-7f3a9c',
    value: {
      eventId: 'yb-2024-004567',
      department: 'MEDICAL_INSURANCE',
      occurredAt: 1716171330250, // 2024-05-20T02:15:30.250Z
      reportedAt: 1716282000000, // 2024-05-21T09:00:00Z
      subject: person('k2024', 'p-7f3a9c'),
      platformEventId: '5d0f2a44-3b7e-4c1d-8e9f-a0b1c2d3e4f5',
      communityCode: null,
      fact: {
        'org.zhengce.events.MedicalExpenseSettled': {
          setting: 'INPATIENT',
          totalFen: 9876543210, // above 2^31: a real long on the wire
          outOfPocketFen: 1234567,
        },
      },
    },
  },
];

/** What Node produces for Java to read (HouseholdEvents.javaScriptSide()). */
export const javaScriptSide = [
  {
    key: 'HH-330106-0002',
    value: {
      eventId: 'mz-2024-000200',
      department: 'CIVIL_AFFAIRS',
      occurredAt: 1717376400000, // 2024-06-03T01:00:00Z
      reportedAt: 1717405200000, // 2024-06-03T09:00:00Z
      subject: household('HH-330106-0002'),
      platformEventId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
      communityCode: '330106001002',
      fact: {
        'org.zhengce.events.HouseholdRegistered': {
          communityCode: '330106001002',
          address: '西湖区文三路1号',
          headName: null,
          phone: null,
          members: [
            member('p-1111', 'HEAD', -7962, 'MALE'), // born 1948-03-15: a negative epoch day
            member('p-2222', 'SPOUSE', -7000, 'FEMALE'), // born 1950-11-02
          ],
        },
      },
    },
  },
  {
    key: 'HH-330106-0003',
    value: {
      eventId: 'mz-2024-000300',
      department: 'CIVIL_AFFAIRS',
      occurredAt: 1719792000000, // 2024-07-01T00:00:00Z
      reportedAt: 1719914400000, // 2024-07-02T10:00:00Z
      subject: household('HH-330106-0003'),
      platformEventId: '1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b',
      communityCode: null,
      fact: {
        'org.zhengce.events.AssistanceGranted': {
          programme: 'TEMPORARY_ASSISTANCE',
          monthlyAmountFen: null,
          oneOffAmountFen: 500000,
          startDate: 19905, // 2024-07-01
          endDate: 19996, // 2024-09-30
          reason: null,
        },
      },
    },
  },
];

/** A community visit with no schema of its own: the JS serializer infers one ("Record1"). */
export const visit = {
  key: 'HH-330106-0004',
  value: {
    visitId: 'visit-2024-0042',
    householdNumber: 'HH-330106-0004',
    urgency: 3,
    note: '独居老人，冬季取暖困难',
  },
};

/** avsc decodes records into instances of its generated classes; compare them as plain data. */
export function plain(value) {
  return JSON.parse(JSON.stringify(value));
}
