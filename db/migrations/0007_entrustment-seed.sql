-- 权力清单 (power catalogue) of the district departments and the organisations that may be entrusted
-- (towns/streets and the park reuse their department ids; specialised teams have their own).
INSERT INTO "power_catalogue" ("id", "department_id", "name", "type", "legal_basis") VALUES
('yjj-cf-001', 'yjj', '对生产经营单位未按照规定对从业人员进行安全生产教育和培训的行政处罚', 'penalty', '《安全生产法》第九十七条第三项'),
('yjj-cf-002', 'yjj', '对生产经营单位未按照规定设置安全生产管理机构或者配备安全生产管理人员的行政处罚', 'penalty', '《安全生产法》第九十七条第一项'),
('yjj-cf-003', 'yjj', '对生产经营单位未采取措施消除事故隐患的行政处罚', 'penalty', '《安全生产法》第一百零二条'),
('yjj-jc-001', 'yjj', '对生产经营单位执行安全生产法律、法规和国家标准或者行业标准情况的监督检查', 'inspection', '《安全生产法》第六十五条'),
('yjj-qz-001', 'yjj', '查封、扣押不符合保障安全生产的国家标准或者行业标准的设施、设备、器材', 'compulsory-measure', '《安全生产法》第六十五条第一款第四项'),
('yjj-zx-001', 'yjj', '对拒不执行停产停业决定的生产经营单位通知有关单位停止供电', 'compulsory-execution', '《安全生产法》第七十条'),
('yjj-xk-001', 'yjj', '危险化学品经营许可（不带储存设施）', 'licensing', '《危险化学品安全管理条例》第三十三条、第三十五条'),
('zjw-jc-001', 'zjw', '建设工程安全生产监督检查', 'inspection', '《建设工程安全生产管理条例》第四十条、第四十三条'),
('zjw-cf-001', 'zjw', '对施工单位未设立安全生产管理机构、配备专职安全生产管理人员的行政处罚', 'penalty', '《建设工程安全生产管理条例》第六十二条'),
('jtj-jc-001', 'jtj', '道路运输经营安全生产监督检查', 'inspection', '《道路运输条例》第五十九条'),
('jtj-cf-001', 'jtj', '对道路运输经营者未按规定维护和检测运输车辆的行政处罚', 'penalty', '《道路运输条例》第七十条'),
('scjgj-jc-001', 'scjgj', '特种设备安全监督检查', 'inspection', '《特种设备安全法》第五十七条'),
('scjgj-qz-001', 'scjgj', '查封、扣押不符合安全技术规范要求的特种设备', 'compulsory-measure', '《特种设备安全法》第六十一条');
--> statement-breakpoint
INSERT INTO "entrusted_organisations" ("id", "name", "kind", "legal_status", "established_by_law", "credentialed_staff_count", "has_technical_capacity", "technical_capacity", "contact_department_id") VALUES
('bwq', '北温泉街道', 'administrative-organ', '区政府派出机关（街道办事处）', true, 6, true, '配备便携式气体检测仪，可委托第三方技术机构检测', 'bwq'),
('tsj', '天生街道', 'administrative-organ', '区政府派出机关（街道办事处）', true, 4, true, '可委托第三方技术机构检测', 'tsj'),
('cjz', '澄江镇', 'administrative-organ', '镇人民政府', true, 5, true, '镇安全生产监管办公室具备现场检测条件', 'cjz'),
('jgz', '静观镇', 'administrative-organ', '镇人民政府', true, 0, false, '暂无技术检查条件', 'jgz'),
('gxq', '北碚高新区管委会', 'public-affairs-organisation', '区政府派出机构，依法设立并具有管理公共事务职能', true, 8, true, '园区安全监管局设有检测室', 'gxq'),
('yjj-zfdd', '区应急管理综合行政执法大队', 'public-affairs-organisation', '事业单位法人（参照公务员法管理）', true, 12, true, '配备执法记录仪、检测检验设备，可组织技术鉴定', 'yjj'),
('jtj-zfzd', '区交通运输综合行政执法支队', 'public-affairs-organisation', '事业单位法人', true, 15, true, '具备车辆检测与现场勘验条件', 'jtj'),
('aqxh', '北碚区安全生产协会', 'social-organisation', '社会团体法人', true, 0, false, '无', 'aqb'),
('ajpj', '重庆某安全评价有限公司', 'enterprise', '有限责任公司', true, 0, true, '具备安全评价资质', 'aqb');
