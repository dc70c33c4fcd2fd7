import type { ParticipantRecord } from '../settings/participants';

/** The demo bank: 汉口银行, a city commercial bank (category 313) headquartered in Wuhan. */
export const DEMO_SELF_ID = 'HKB';

/**
 * Participants of the Wuhan clearing centre for the demo. 行号 = bank category (102 ICBC, 103
 * ABC, 104 BOC, 105 CCB, 301 BoCom, 302 CITIC, 303 CEB, 305 CMBC, 308 CMB, 309 CIB, 310 SPDB,
 * 313 city commercial banks, 402 rural credit cooperatives, 403 PSBC) + Wuhan's city code 5210
 * + a branch number + a check digit. Branch numbers and check digits are made up.
 */
const WUHAN_BANKS: readonly [id: string, name: string, bankCode: string][] = [
  ['HKB', '汉口银行', '313521000011'],
  ['ICBC', '中国工商银行武汉分行', '102521000030'],
  ['ABC', '中国农业银行武汉分行', '103521000024'],
  ['BOC', '中国银行湖北省分行', '104521000017'],
  ['CCB', '中国建设银行湖北省分行', '105521000012'],
  ['BOCOM', '交通银行湖北省分行', '301521000019'],
  ['CITIC', '中信银行武汉分行', '302521000016'],
  ['CEB', '中国光大银行武汉分行', '303521000015'],
  ['CMBC', '中国民生银行武汉分行', '305521000013'],
  ['CMB', '招商银行武汉分行', '308521000017'],
  ['CIB', '兴业银行武汉分行', '309521000019'],
  ['SPDB', '上海浦东发展银行武汉分行', '310521000014'],
  ['HBB', '湖北银行', '313521000038'],
  ['HBRCU', '湖北省农村信用社联合社', '402521000018'],
  ['PSBC', '中国邮政储蓄银行湖北省分行', '403521000019'],
];

export function wuhanParticipants(selfId: string = DEMO_SELF_ID): ParticipantRecord[] {
  return WUHAN_BANKS.map(([id, name, bankCode]) => ({
    id,
    name,
    bankCode,
    self: id === selfId,
    // Opening positions at the house: 5 亿 settlement balance, 2 亿 net debit cap.
    balanceMinor: 50_000_000_000n,
    netDebitCapMinor: 20_000_000_000n,
  }));
}
