export { createSimulator, type Simulator, type SimulatorOptions } from './create-simulator';
export { faultKinds, faultSchema, type FaultKind, type FaultRequest } from './faults';
export type { ReplyStep } from './reply-periods';
export type { CallbackDelivery, Filing, ReceivedRequest, SimulatorState } from './state';
