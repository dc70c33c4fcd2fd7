/**
 * Sino-Korean readings (漢字音) of the Han characters common in Korean personal names, for
 * screening names written in characters against lists that spell Korean names in Latin letters
 * only (OFAC SDN and the UN consolidated list carry no Han or Hangul script): 金正恩 is read 김정은
 * and romanised KIM JONG UN, which pinyin (jin zheng en) can never meet.
 *
 * Source and approach: each character's standard reading as in a hanja dictionary (the Unicode
 * Unihan database's kHangul field gives the same readings), for the characters of Korea's
 * commonest surnames (Statistics Korea, 2015 census, ~95% of the population) and the syllables
 * most used in given names, both in traditional form (as Korean writes them) and in the
 * simplified form a Chinese payment would use (鄭/郑, 趙/赵). Readings are given in their
 * dictionary form with the initial ㄹ (리, 류, 룡), which is how North Korean names are spelt on
 * the lists (RI, RYU, RYONG); korean-romanise.ts applies the South's initial-sound rule (두음법칙:
 * 리 -> 이 LEE) where South Korean spellings need it. A character with two readings is listed
 * under its name reading only (金 under 김, not 금). Romanisation: korean-romanise.ts.
 *
 * Each line: the reading, then every character read so.
 */
const TABLE = `
가 家嘉佳可價价加歌街架賈贾
각 各角閣阁覺觉珏
간 干幹間间看刊簡简
갈 葛
갑 甲
강 姜康江強强剛刚綱纲鋼钢岡冈降
개 開开介改個个凱凯
거 巨居擧举
건 建健乾件
걸 傑杰
검 儉俭劍剑檢检
겸 謙谦兼
경 京慶庆敬卿景鏡镜經经耕炅輕轻競竞境瓊琼璟暻鯨鲸
계 桂啓启季界溪階阶系繼继
고 高古固考故顧顾孤
곤 坤昆
공 孔公功工共空恭
궁 宮宫弓
과 果科過过
곽 郭
관 官觀观寬宽關关冠館馆
광 光廣广
교 敎教橋桥喬乔
구 具丘九久求救舊旧球邱區区龜龟句
국 國国局菊鞠
군 君軍军郡群
권 權权勸劝
귀 貴贵
규 奎圭揆珪規规
균 均鈞钧
근 根近勤謹谨槿
금 錦锦今琴禁
기 基箕奇起紀纪己技岐記记氣气琪旗騎骑機机期麒淇
길 吉
김 金
나 那娜
남 南男楠
녀 女
녕 寧宁
농 農农
능 能
다 多
단 丹段端
달 達达
담 潭淡談谈
당 唐堂當当
대 大代臺台帶带戴
덕 德
도 道度都島岛桃陶圖图
독 獨独督
돈 敦
동 東东童動动洞冬同桐
두 斗杜頭头
득 得
등 登
라 羅罗
락 樂乐洛
란 蘭兰
래 來来
량 良梁亮量兩两涼凉
려 呂吕麗丽勵励黎
력 力歷历
련 連连蓮莲練练
렬 烈列
렴 廉
령 令領领玲鈴铃靈灵
례 禮礼
로 盧卢魯鲁路老勞劳露
록 祿禄錄录鹿綠绿
론 論论
룡 龍龙
류 柳劉刘留流琉
륙 陸陆六
륜 倫伦輪轮
률 律栗
륭 隆
리 李利理里梨離离璃
린 麟璘鄰邻
림 林琳霖
립 立
마 馬马麻
만 萬万滿满晩晚曼
망 望
매 梅每
맹 孟猛盟
면 勉綿绵面
명 明命名鳴鸣銘铭
모 毛母模茅慕謨谟牟
목 木牧睦穆
몽 夢梦蒙
묘 妙
무 武茂務务舞無无
묵 默墨
문 文聞闻門门問问紋纹
미 美米微味眉
민 民敏閔闵珉旻玟
밀 密
박 朴博薄
반 潘班半盤盘
발 發发
방 方房芳邦放龐庞
배 裴裵培倍排
백 白百伯柏
범 範范凡
법 法
벽 碧
변 卞邊边變变
병 炳秉丙兵昞
보 寶宝普保步輔辅甫
복 福伏馥
본 本
봉 奉鳳凤蓬峰逢
부 夫富府部浮釜傅
북 北
분 芬粉
비 丕飛飞備备比
빈 彬斌賓宾
사 史士師师思四沙社寺
산 山
삼 三森
상 相尙尚商祥常上想象
생 生
서 徐西瑞書书舒緖绪敍叙
석 石錫锡碩硕奭席夕
선 善先宣仙鮮鲜璇瑄船
설 薛雪說说
섭 燮
성 成聖圣星盛性誠诚城聲声晟
세 世細细歲岁洗
소 蘇苏小少昭素笑邵召韶紹绍
손 孫孙
송 宋松送頌颂
수 洙秀壽寿守水樹树修粹殊需首受授洙銖铢隨随
숙 淑叔肅肃
순 順顺淳純纯舜筍笋旬珣
술 述
숭 崇
승 承勝胜昇升乘
시 時时始詩诗市是施
식 植湜式息
신 申辛信新愼慎神身晨臣
실 實实室
심 沈心深審审
아 阿雅亞亚兒儿
악 岳
안 安顔颜晏
애 愛爱
약 若
양 楊杨陽阳洋揚扬養养
어 魚鱼於
억 億亿
언 彦
엄 嚴严
여 余汝如與与
연 延燕硏研然淵渊演宴妍娟年
열 悅悦
엽 葉叶燁烨
영 英永榮荣泳映瑛暎影
예 藝艺睿叡
오 吳吴五午悟烏乌
옥 玉屋沃鈺钰
온 溫温
완 完玩婉
왕 王旺汪
요 堯尧姚曜耀要
용 容勇用鏞镛溶
우 禹宇于友佑右遇羽又雨祐
욱 旭昱郁煜
운 雲云運运
웅 雄熊
원 元源遠远院原圓圆媛瑗苑園园願愿
월 月
위 魏衛卫位委威偉伟韋韦
유 庾俞兪有由裕油游幼柔維维儒酉惟唯
육 育
윤 尹允潤润胤
은 恩銀银殷隱隐
을 乙
음 音
응 應应
의 義义宜毅儀仪意醫医
이 伊二以怡珥異异
익 益翼
인 仁印寅人因忍引
일 日一逸
임 任壬
자 子慈紫資资自
작 作
장 張张章蔣蒋長长莊庄將将獎奖壯壮
재 在才載载財财宰哉栽
적 赤
전 全田錢钱傳传殿典前展戰战
절 節节
점 点點
정 正政定丁廷庭亭鼎精靜静貞贞征整晶鄭郑程呈禎祯情淨净井晸
제 諸诸濟济帝弟齊齐第
조 趙赵曹朝祖造兆照調调操早助
종 鍾钟宗種种鐘終终從从琮
좌 左
주 周朱主住珠注洲州柱宙
죽 竹
준 俊準准峻駿骏浚埈濬
중 中重仲
증 曾增
지 智志知池枝持至芝地之
직 直
진 陳陈秦晉晋珍眞真鎭镇振進进辰
차 車车
찬 贊赞燦灿讚
창 昌昶創创倉仓蒼苍
채 蔡采彩菜
천 千天川泉
철 哲鐵铁喆澈徹彻
청 靑青淸清
초 楚初
총 聰聪總总
최 崔
추 秋鄒邹
춘 春
충 忠充
치 治致
칠 七
탁 卓
태 泰太
택 澤泽宅
토 土
통 通統统
판 判
팔 八
편 片
평 平坪評评
포 包浦
표 表
풍 豊豐丰風风
필 弼必
하 河夏下荷何霞賀贺
학 學学鶴鹤
한 韓韩漢汉翰寒
함 咸
항 恒恆
해 海解亥
행 幸行
향 香鄕乡
허 許许
헌 憲宪獻献
혁 赫革爀奕
현 玄賢贤鉉铉炫顯显峴岘現现
협 協协
형 亨兄炯衡瀅滢馨
혜 惠慧
호 浩鎬镐虎好昊豪皓胡湖晧
홍 洪弘鴻鸿紅红
화 和花華华化
환 煥焕桓環环歡欢
황 黃黄皇
회 會会
효 孝曉晓
후 厚侯后候
훈 勳勋薰熏訓训
휘 輝辉徽
휴 休
흥 興兴
희 熙姬姫喜希熹禧僖
`;

/** Character -> its reading as a Hangul syllable (the first line that lists it wins). */
export const HANJA_READING: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const line of TABLE.trim().split('\n')) {
    const [reading, chars] = line.split(' ') as [string, string];
    for (const ch of chars) if (!map.has(ch)) map.set(ch, reading);
  }
  return map;
})();

/**
 * Korea's common surnames (readings), the gate for reading a Han name the Korean way: a Chinese
 * name whose surname is not one of them is not given Korean readings. Covers ~99% of Koreans.
 */
export const KOREAN_SURNAMES: ReadonlySet<string> = new Set(
  ('김 리 박 최 정 강 조 윤 장 림 한 오 서 신 권 황 안 송 류 전 홍 고 문 량 손 배 백 허 로 남 심 하 곽 성 차 주 우 구 민 진 지 ' +
    '엄 채 원 천 방 공 현 함 변 렴 려 추 도 소 석 선 설 마 길 연 위 표 명 기 반 왕 금 옥 륙 인 맹 제 모 탁 국 어 은 편 룡 예 경 봉 사 부 가 복 태 목 형 계 두 감 음 빈 동 온 호 범 좌 승 간 상 시 갈 라 탕 육 이 유 임 노 양 염 여').split(' '),
);

/** Two-character Korean surnames: the given name starts after them. */
export const KOREAN_COMPOUND_SURNAMES: ReadonlyMap<string, readonly [string, string]> = new Map([
  ['南宮', ['남', '궁']], ['南宫', ['남', '궁']], ['皇甫', ['황', '보']], ['諸葛', ['제', '갈']], ['诸葛', ['제', '갈']],
  ['鮮于', ['선', '우']], ['鲜于', ['선', '우']], ['西門', ['서', '문']], ['西门', ['서', '문']], ['獨孤', ['독', '고']],
  ['独孤', ['독', '고']], ['東方', ['동', '방']], ['东方', ['동', '방']],
] as const);
