import { pick, seededRandom } from '../../../seeded-random';

/**
 * Ordinary customer names of the kind a Wuhan bank pays every day, for measuring how often
 * screening alerts on people and firms that are not listed. Pinyin persons (surname first,
 * given name joined or spaced), Western persons, Chinese and Western companies.
 */
const SURNAMES_CN = [
  'wang', 'li', 'zhang', 'liu', 'chen', 'yang', 'huang', 'zhao', 'wu', 'zhou', 'xu', 'sun', 'ma', 'zhu', 'hu',
  'guo', 'he', 'gao', 'lin', 'luo', 'zheng', 'liang', 'xie', 'song', 'tang', 'han', 'feng', 'deng', 'cao', 'peng',
  'zeng', 'xiao', 'tian', 'dong', 'pan', 'yuan', 'cai', 'jiang', 'yu', 'du', 'ye', 'cheng', 'wei', 'su', 'lu',
  'ding', 'ren', 'shen', 'yao', 'jin', 'fang', 'tan', 'qian', 'dai', 'xia', 'zhong', 'wan', 'gu', 'meng', 'ouyang',
];
const GIVEN_CN = [
  'wei', 'fang', 'na', 'min', 'jing', 'li', 'qiang', 'lei', 'jun', 'yang', 'yong', 'yan', 'jie', 'tao', 'ming',
  'chao', 'xiu', 'ying', 'hua', 'hui', 'ping', 'gang', 'gui', 'lan', 'dan', 'xin', 'yu', 'hao', 'bo', 'lin',
  'kai', 'rui', 'xuan', 'zhi', 'hong', 'feng', 'fei', 'long', 'peng', 'jian', 'qing', 'yun', 'mei', 'shu', 'ting',
  'xiang', 'zi', 'han', 'hai', 'tian', 'cheng', 'guang', 'ning', 'an', 'xue', 'rong', 'wen', 'bin', 'kun', 'yi',
];
const FIRST_WEST = [
  'james', 'john', 'robert', 'michael', 'william', 'david', 'richard', 'joseph', 'thomas', 'charles', 'mary',
  'patricia', 'jennifer', 'linda', 'elizabeth', 'barbara', 'susan', 'jessica', 'sarah', 'karen', 'daniel', 'paul',
  'mark', 'peter', 'anna', 'laura', 'emma', 'olivia', 'sophie', 'lucas', 'hans', 'klaus', 'pierre', 'marie',
  'giulia', 'marco', 'carlos', 'lucia', 'isabel', 'henrik', 'ingrid', 'oliver', 'george', 'helen', 'frank',
];
const LAST_WEST = [
  'smith', 'johnson', 'williams', 'brown', 'jones', 'miller', 'davis', 'wilson', 'anderson', 'taylor', 'thomas',
  'moore', 'martin', 'jackson', 'thompson', 'white', 'harris', 'clark', 'lewis', 'robinson', 'walker', 'young',
  'allen', 'wright', 'scott', 'green', 'baker', 'adams', 'nelson', 'hill', 'campbell', 'mitchell', 'roberts',
  'muller', 'schmidt', 'schneider', 'fischer', 'weber', 'dupont', 'bernard', 'rossi', 'bianchi', 'garcia',
  'fernandez', 'lopez', 'jensen', 'nielsen', 'johansson', 'cooper', 'evans', 'turner', 'parker', 'collins',
];
const CITIES_CN = ['wuhan', 'hankou', 'wuchang', 'hanyang', 'beijing', 'shanghai', 'guangzhou', 'shenzhen', 'hubei', 'changsha', 'chengdu', 'nanjing', 'hangzhou', 'xiamen'];
const FIRM_WORDS_CN = [
  'tianhe', 'jianghan', 'changjiang', 'huaxin', 'hengtai', 'jinlong', 'xinda', 'zhongyuan', 'dongfang', 'huamei',
  'shengshi', 'hongda', 'fuxing', 'taikang', 'yuanhang', 'jiahe', 'ruifeng', 'minsheng', 'kaiyuan', 'tongda',
];
const TRADES_CN = [
  'trading', 'technology', 'logistics', 'construction', 'textile', 'electronics', 'pharmaceutical', 'food',
  'machinery', 'real estate development', 'investment', 'environmental technology', 'auto parts', 'steel',
];
const FORMS_CN = ['co., ltd.', 'company limited', 'co. ltd', 'group co., ltd.', 'youxian gongsi'];
const FIRM_WORDS_WEST = [
  'northern', 'atlantic', 'pacific', 'summit', 'riverside', 'oak', 'silver', 'blue', 'harbor', 'pioneer', 'apex',
  'greenfield', 'meridian', 'crescent', 'evergreen', 'sterling', 'granite', 'horizon', 'keystone', 'lakeside',
];
const TRADES_WEST = ['logistics', 'engineering', 'foods', 'capital', 'systems', 'textiles', 'medical', 'software', 'shipping', 'consulting', 'motors', 'energy'];
const FORMS_WEST = ['ltd', 'limited', 'inc.', 'llc', 'gmbh', 'ag', 's.a.', 'plc', 'b.v.', 'corp.'];

function title(word: string): string {
  return word.replace(/(^|[\s-])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}

function pinyinPerson(random: () => number): string {
  const surname = pick(random, SURNAMES_CN);
  const given = random() < 0.7 ? pick(random, GIVEN_CN) + pick(random, GIVEN_CN) : pick(random, GIVEN_CN);
  return random() < 0.5 ? title(`${surname} ${given}`) : `${surname.toUpperCase()} ${title(given)}`;
}

function westernPerson(random: () => number): string {
  const middle = random() < 0.3 ? ` ${pick(random, FIRST_WEST)}` : '';
  return title(`${pick(random, FIRST_WEST)}${middle} ${pick(random, LAST_WEST)}`);
}

function chineseCompany(random: () => number): string {
  return title(`${pick(random, CITIES_CN)} ${pick(random, FIRM_WORDS_CN)} ${pick(random, TRADES_CN)} ${pick(random, FORMS_CN)}`);
}

function westernCompany(random: () => number): string {
  const head = random() < 0.5 ? pick(random, FIRM_WORDS_WEST) : pick(random, LAST_WEST);
  return title(`${head} ${pick(random, TRADES_WEST)} ${pick(random, FORMS_WEST)}`);
}

export interface OrdinaryName {
  name: string;
  kind: 'pinyin_person' | 'western_person' | 'chinese_company' | 'western_company';
}

/** `count` names, distinct, in fixed shares: 40% pinyin persons, 25% Western persons, 20% / 15% companies. */
export function ordinaryNames(count: number, seed = 20260227): OrdinaryName[] {
  const random = seededRandom(seed);
  const out: OrdinaryName[] = [];
  const seen = new Set<string>();
  const makers: [OrdinaryName['kind'], (r: () => number) => string, number][] = [
    ['pinyin_person', pinyinPerson, 0.4],
    ['western_person', westernPerson, 0.25],
    ['chinese_company', chineseCompany, 0.2],
    ['western_company', westernCompany, 0.15],
  ];
  for (const [kind, make, share] of makers) {
    const want = Math.round(count * share);
    let made = 0;
    for (let attempts = 0; made < want && attempts < want * 50; attempts++) {
      const name = make(random);
      if (seen.has(name.toLowerCase())) continue;
      seen.add(name.toLowerCase());
      out.push({ name, kind });
      made++;
    }
  }
  return out.slice(0, count);
}
