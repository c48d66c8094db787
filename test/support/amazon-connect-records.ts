/**
 * Amazon Connect contact records for one Tuesday morning (2021-05-04, 10:00 BST, in opening hours),
 * with what each must become worked out by hand from docs/http-contract.md "Importing files".
 */
const at = '2021-05-04T09:00:00Z';
const ctr = (ContactId: string, InitiationMethod: string, Channel: string, rest: Record<string, unknown> = {}) => ({
  AWSAccountId: '111122223333', ContactId, InitiationMethod, Channel, InitiationTimestamp: at,
  DisconnectTimestamp: '2021-05-04T09:20:00Z', Attributes: {}, Queue: null, Agent: null, ...rest,
});
const queue = (Name: string, Duration: number) => ({ Name, Duration, ARN: `arn:aws:connect:queue/${Name}`, EnqueueTimestamp: at });

export const CTR_RECORDS = [
  ctr('a1', 'INBOUND', 'VOICE', {
    Queue: queue('CouncilTax', 15),
    Agent: { Username: 'adviser1', AgentInteractionDuration: 200, CustomerHoldDuration: 30, AfterContactWorkDuration: 60 },
    Attributes: { satisfaction: '4', service: 'council_tax', outcome: 'resolved', caseRef: 'CT-0001' },
  }),
  ctr('a2', 'INBOUND', 'VOICE', { Queue: queue('CouncilTax', 45), Agent: { AgentInteractionDuration: 100 }, Attributes: { satisfaction: '7' } }),
  ctr('a3', 'INBOUND', 'VOICE', { Queue: queue('CouncilTax', 80), Attributes: { outcome: 'resolved' } }),
  ctr('a4', 'INBOUND', 'VOICE', { Attributes: { centre: 'customer_services' } }),
  ctr('a5', 'CALLBACK', 'VOICE', {
    Queue: queue('Unmapped', 10), Agent: { AgentInteractionDuration: 50, AfterContactWorkDuration: 10 },
    Attributes: { centre: 'customer_services', satisfaction: '5' },
  }),
  ctr('a6', 'API', 'CHAT'),
  ctr('a7', 'INBOUND', 'CHAT', { Attributes: { outcome: 'escalated' } }),
  ctr('a8', 'INBOUND', 'CHAT', { Queue: queue('CouncilTax', 5), Agent: { AgentInteractionDuration: 400 } }),
  ctr('a9', 'INBOUND', 'EMAIL', { Queue: queue('CouncilTax', 3600), Agent: { AgentInteractionDuration: 120, AfterContactWorkDuration: 30 } }),
  ctr('s1', 'OUTBOUND', 'VOICE', { Agent: { AgentInteractionDuration: 100 } }),
  ctr('s2', 'TRANSFER', 'VOICE', { Queue: queue('CouncilTax', 5), Agent: { AgentInteractionDuration: 100 } }),
  ctr('s3', 'INBOUND', 'TASK'),
  ctr('s4', 'QUEUE_TRANSFER', 'VOICE', { Queue: queue('Highways', 5) }),
  ctr('bad', 'INBOUND', 'VOICE', { InitiationTimestamp: 'yesterday' }),
];

/** The contacts the records above make, field by field. */
export const CTR_CONTACTS: Record<string, Record<string, unknown>> = {
  a1: {
    channel: 'telephony', handling: 'assisted', outcome: 'resolved', waitSeconds: 15, durationSeconds: 290, centre: 'customer_services',
    service: 'council_tax', caseRef: 'CT-0001', satisfaction: 4,
  },
  a2: { channel: 'telephony', handling: 'assisted', waitSeconds: 45, durationSeconds: 100, centre: 'customer_services' },
  a3: { channel: 'telephony', handling: 'assisted', outcome: 'abandoned', waitSeconds: 80, centre: 'customer_services' },
  a4: { channel: 'switchboard', handling: 'self_service', centre: 'customer_services' },
  a5: { channel: 'telephony', handling: 'assisted', waitSeconds: 10, durationSeconds: 60, centre: 'customer_services', satisfaction: 5 },
  a6: { channel: 'chatbot', handling: 'self_service', outcome: 'resolved' },
  a7: { channel: 'chatbot', handling: 'self_service', outcome: 'escalated' },
  a8: { channel: 'webchat', handling: 'assisted', waitSeconds: 5, durationSeconds: 400, centre: 'customer_services' },
  a9: { channel: 'email', handling: 'assisted', waitSeconds: 3600, durationSeconds: 150, centre: 'customer_services' },
};

export const CTR_SKIPS = {
  s1: 'InitiationMethod OUTBOUND is not a customer contact',
  s2: 'InitiationMethod TRANSFER is not a customer contact',
  s3: 'Channel TASK is not a customer contact',
  s4: 'InitiationMethod QUEUE_TRANSFER is not a customer contact',
};

/**
 * customer_services by hand: a1 a2 a3 a4 a5 a8 a9. Abandoned a3 of the two with an outcome (a1, a3);
 * speed of answer over the answered a1 a2 a5 a8 a9 = (15+45+10+5+3600)/5; service level: a1 a5 a8
 * answered within 20 s of the six that carry a wait; handling (290+100+60+400+150)/5; surveys 4 and 5.
 */
export const CTR_CUSTOMER_SERVICES = {
  contacts: 7,
  selfServiceShare: 1 / 7,
  firstContactResolution: 1,
  abandonmentRate: 0.5,
  averageSpeedOfAnswerSeconds: 735,
  serviceLevel: 0.5,
  averageHandlingSeconds: 200,
  satisfaction: { responses: 2, mean: 4.5 },
};
