import type { RoleId } from './schema';

/** Beibei district units as seeded for development and tests. */
export const seedDepartments = [
  { id: 'gov', name: '北碚区人民政府', kind: 'government', supervisoryDomain: null, hasSupervisoryDuty: false },
  { id: 'aqb', name: '区政府安委办', kind: 'office', supervisoryDomain: '综合监管', hasSupervisoryDuty: false },
  { id: 'sfj', name: '区司法局', kind: 'office', supervisoryDomain: '法制审核', hasSupervisoryDuty: false },
  {
    id: 'yjj',
    name: '区应急管理局',
    kind: 'department',
    supervisoryDomain: '工矿商贸、危险化学品',
    hasSupervisoryDuty: true,
  },
  {
    id: 'jxw',
    name: '区经济信息委',
    kind: 'department',
    supervisoryDomain: '工业、民用爆炸物品',
    hasSupervisoryDuty: true,
  },
  { id: 'zjw', name: '区住房城乡建委', kind: 'department', supervisoryDomain: '建筑施工', hasSupervisoryDuty: true },
  {
    id: 'jtj',
    name: '区交通局',
    kind: 'department',
    supervisoryDomain: '道路运输、水上交通',
    hasSupervisoryDuty: true,
  },
  { id: 'scjgj', name: '区市场监管局', kind: 'department', supervisoryDomain: '特种设备', hasSupervisoryDuty: true },
  {
    id: 'ghzyj',
    name: '区规划自然资源局',
    kind: 'department',
    supervisoryDomain: '地质灾害、非煤矿山用地',
    hasSupervisoryDuty: true,
  },
  { id: 'bwq', name: '北温泉街道', kind: 'town', supervisoryDomain: '属地管理', hasSupervisoryDuty: true },
  { id: 'tsj', name: '天生街道', kind: 'town', supervisoryDomain: '属地管理', hasSupervisoryDuty: true },
  { id: 'cjz', name: '澄江镇', kind: 'town', supervisoryDomain: '属地管理', hasSupervisoryDuty: true },
  { id: 'jgz', name: '静观镇', kind: 'town', supervisoryDomain: '属地管理', hasSupervisoryDuty: true },
  { id: 'gxq', name: '北碚高新区管委会', kind: 'park', supervisoryDomain: '园区安全监管', hasSupervisoryDuty: true },
] as const;

type SeedUser = {
  id: string;
  name: string;
  departmentId: string;
  roles: RoleId[];
  title: string;
  hasEnforcementCredential: boolean;
};

const head = (dept: string, name: string, title = '局长'): SeedUser => ({
  id: `${dept}-head`,
  name,
  departmentId: dept,
  roles: ['department-head'],
  title,
  hasEnforcementCredential: true,
});
const officer = (dept: string, n: number, name: string): SeedUser => ({
  id: `${dept}-officer${n}`,
  name,
  departmentId: dept,
  roles: ['officer'],
  title: '执法人员',
  hasEnforcementCredential: true,
});

export const seedUsers: SeedUser[] = [
  {
    id: 'gov-leader',
    name: '周建国',
    departmentId: 'gov',
    roles: ['district-leader'],
    title: '副区长',
    hasEnforcementCredential: false,
  },
  {
    id: 'gov-leader2',
    name: '孙明华',
    departmentId: 'gov',
    roles: ['district-leader'],
    title: '区长',
    hasEnforcementCredential: false,
  },
  {
    id: 'aqb-head',
    name: '陈立新',
    departmentId: 'aqb',
    roles: ['safety-office', 'department-head'],
    title: '安委办主任',
    hasEnforcementCredential: false,
  },
  {
    id: 'aqb-staff',
    name: '刘晓燕',
    departmentId: 'aqb',
    roles: ['safety-office'],
    title: '安委办科员',
    hasEnforcementCredential: false,
  },
  {
    id: 'admin',
    name: '系统管理员',
    departmentId: 'aqb',
    roles: ['admin'],
    title: '系统管理员',
    hasEnforcementCredential: false,
  },
  {
    id: 'sfj-reviewer1',
    name: '黄文静',
    departmentId: 'sfj',
    roles: ['legal-reviewer'],
    title: '法制审核员',
    hasEnforcementCredential: false,
  },
  {
    id: 'sfj-reviewer2',
    name: '吴志强',
    departmentId: 'sfj',
    roles: ['legal-reviewer'],
    title: '法制审核员',
    hasEnforcementCredential: false,
  },
  head('sfj', '郑海燕'),
  head('yjj', '王德明'),
  officer('yjj', 1, '李强'),
  officer('yjj', 2, '张敏'),
  officer('yjj', 3, '赵磊'),
  {
    id: 'yjj-legal',
    name: '何丽',
    departmentId: 'yjj',
    roles: ['legal-reviewer'],
    title: '法规科科长',
    hasEnforcementCredential: true,
  },
  head('jxw', '杨光辉', '主任'),
  officer('jxw', 1, '徐涛'),
  officer('jxw', 2, '朱红'),
  head('zjw', '马俊', '主任'),
  officer('zjw', 1, '胡斌'),
  officer('zjw', 2, '郭佳'),
  head('jtj', '林峰'),
  officer('jtj', 1, '高洁'),
  officer('jtj', 2, '罗勇'),
  head('scjgj', '梁晨'),
  officer('scjgj', 1, '宋雨'),
  officer('scjgj', 2, '谢飞'),
  head('ghzyj', '韩冰'),
  officer('ghzyj', 1, '唐亮'),
  head('bwq', '冯雪', '主任'),
  officer('bwq', 1, '邓超'),
  head('tsj', '曹阳', '主任'),
  officer('tsj', 1, '彭静'),
  head('cjz', '曾伟', '镇长'),
  officer('cjz', 1, '萧然'),
  head('jgz', '田野', '镇长'),
  officer('jgz', 1, '董浩'),
  head('gxq', '袁媛', '主任'),
  officer('gxq', 1, '潘磊'),
];
