// Deterministic (mulberry32) so every demo build holds the same history.
export { seededRandom } from '../../shared/seeded-random';

export type Random = () => number;

export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('');
const GIVEN = [
  '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平',
  '刚', '桂英', '华', '建国', '建华', '志强', '文', '斌', '鹏', '辉', '宇', '浩', '欣怡', '子涵', '梓萱', '雨桐', '思远', '俊杰',
  '晨', '琳', '婷', '雪', '红梅', '海燕', '国庆', '晓东', '丹', '颖', '佳', '凯', '波', '鑫', '博文', '嘉怡', '一鸣', '诗雨',
];
const REGIONS = ['江岸', '江汉', '硚口', '汉阳', '武昌', '青山', '洪山', '东西湖', '汉南', '蔡甸', '江夏', '黄陂', '新洲', '东湖高新', '沌口', '光谷'];
const BRANDS = [
  '楚天', '长江', '江城', '华中', '鼎盛', '恒通', '宏达', '天元', '联创', '金桥', '锦程', '盛世', '新力', '中南', '东方', '华信',
  '晴川', '黄鹤', '知音', '九州', '汉正', '荆楚', '南湖', '珞珈', '龟山', '蛇山', '东湖', '汤逊', '木兰', '云梦', '百川', '卓尔',
];
const INDUSTRIES = [
  '科技', '贸易', '物流', '建材', '机电设备', '医药', '食品', '电子', '汽车零部件', '光电子', '建筑工程', '餐饮管理', '纺织',
  '化工', '钢材贸易', '信息技术', '文化传媒', '房地产开发', '农业发展', '供应链管理', '环保科技', '生物医药', '激光技术', '商贸',
];
const COMPANY_FORMS = ['有限公司', '有限责任公司', '股份有限公司', '集团有限公司'];
export const PURPOSES = [
  '货款', '工程款', '服务费', '工资', '房租', '往来款', '借款归还', '保证金', '材料款', '运费', '报销款', '咨询费', '设备款',
  '货物采购', '税费', '水电费', '物业费', '技术服务费', '广告费', '租赁费', '预付款', '尾款', '分红', '培训费',
];

export function personName(random: Random): string {
  return pick(random, SURNAMES) + pick(random, GIVEN);
}

export function companyName(random: Random): string {
  const prefix = random() < 0.75 ? `武汉${random() < 0.4 ? pick(random, REGIONS) : ''}` : '湖北';
  return `${prefix}${pick(random, BRANDS)}${pick(random, INDUSTRIES)}${pick(random, COMPANY_FORMS)}`;
}

function digits(random: Random, count: number): string {
  let out = '';
  for (let i = 0; i < count; i += 1) out += Math.floor(random() * 10).toString();
  return out;
}

/** A personal debit card (19 digits, UnionPay 62 BIN) or a corporate settlement account (15-18 digits). */
export function accountNumber(random: Random, corporate: boolean): string {
  return corporate ? `${1 + Math.floor(random() * 9)}${digits(random, 14 + Math.floor(random() * 4))}` : `62${digits(random, 17)}`;
}

export function billNumber(random: Random): string {
  return `${1 + Math.floor(random() * 9)}${digits(random, 15)}`;
}
