export { SmsSimulator, type SmsProvider, type SmsSendResult, type SmsInbound } from './provider.js';
export { HttpSmsProvider, smsProviderFromEnv } from './http.js';
