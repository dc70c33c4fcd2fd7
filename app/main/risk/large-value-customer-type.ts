import type { CustomerType } from '../../shared/risk/rules/risk-input';

/**
 * Customer type for the large-value run. Payments do not carry it and the console has no
 * customer master yet (it comes with the core banking feed), so until then a holder whose name
 * is an organisation's (有限公司, 集团, 银行, Co., Ltd ...) counts as corporate and everyone else
 * as a natural person. Erring towards "individual" is the safe side: its transfer threshold
 * (500,000) is lower than the corporate one (2,000,000), so a misread company is over-reported,
 * never missed.
 */
const ORGANISATION = /(公司|集团|企业|银行|合作社|事务所|研究院|中心|医院|学校|大学|协会|基金会|委员会|政府|局|厂|店|行$|\b(co|ltd|inc|llc|corp|plc|gmbh|bank|limited|company)\b)/i;

export function customerTypeByName(_account: string, name: string): CustomerType {
  return ORGANISATION.test(name) ? 'corporate' : 'individual';
}

/**
 * One run's resolver: an account keeps the type its first name gave it, so an account seen
 * under two names (a typo, a renamed firm) cannot be both types in one run, which the
 * detection refuses as a data error.
 */
export function customerTypeResolver(): (account: string, name: string) => CustomerType {
  const seen = new Map<string, CustomerType>();
  return (account, name) => {
    const known = seen.get(account);
    if (known !== undefined) return known;
    const type = customerTypeByName(account, name);
    seen.set(account, type);
    return type;
  };
}
