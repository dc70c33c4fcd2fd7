/** A customer transfer as a clerk captures it (no id: the console numbers it), for sync tests. */
export const captureInput = (to: string, amount: string) => ({
  kind: 'hvps' as const,
  priority: 2 as const,
  to,
  amount,
  currency: 'CNY',
  debtor: { name: '汉口商贸有限公司', account: '6222020000000001' },
  creditor: { name: '武昌医药有限公司', account: '6222020000000002' },
  purpose: '货款',
});
