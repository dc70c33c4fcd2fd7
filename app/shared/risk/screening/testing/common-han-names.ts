import { pick, seededRandom } from '../../../seeded-random';

/**
 * Ordinary Chinese personal names written in characters, as a Wuhan bank's customers write them:
 * the commonest surnames (about 85% of the population) and given-name characters, one or two of
 * them. For measuring how often screening alerts on people who are not listed, pinyin and Korean
 * readings included (korean-readings.ts: almost every Chinese surname is a Korean one too).
 */
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔汤'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰涛明超秀英华慧平刚桂兰丹欣宇浩波林凯瑞轩志红峰飞龙鹏建庆云梅淑婷翔涵海天成光宁安雪荣文斌坤毅晨玉萍霞俊辉国民春德永金正哲铁'];

export function commonHanNames(count: number, seed = 20261207): string[] {
  const random = seededRandom(seed);
  const seen = new Set<string>();
  for (let attempts = 0; seen.size < count && attempts < count * 50; attempts++) {
    const given = random() < 0.3 ? pick(random, GIVEN) : pick(random, GIVEN) + pick(random, GIVEN);
    seen.add(pick(random, SURNAMES) + given);
  }
  return [...seen];
}
