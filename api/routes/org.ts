import { createRoute, z } from '@hono/zod-openapi';
import { asc, eq } from 'drizzle-orm';
import { departments, users } from '../../db/schema';
import { createRouter } from '../openapi';
import { errors } from '../responses/http';
import { Department as DepartmentSchema, User as UserSchema } from '../responses/org';

const listDepartments = createRoute({
  method: 'get',
  path: '/departments',
  tags: ['组织'],
  summary: '部门、镇街与园区',
  security: [{ bearer: [] }],
  responses: {
    200: { description: '单位列表', content: { 'application/json': { schema: z.array(DepartmentSchema) } } },
    ...errors(401, 503),
  },
});

const listUsers = createRoute({
  method: 'get',
  path: '/users',
  tags: ['组织'],
  summary: '用户（可按单位筛选）；角色仅对用户管理员（admin）列出',
  security: [{ bearer: [] }],
  request: { query: z.object({ departmentId: z.string().max(32).optional() }) },
  responses: {
    200: { description: '用户列表', content: { 'application/json': { schema: z.array(UserSchema) } } },
    ...errors(400, 401, 403, 503),
  },
});

export const orgRouter = createRouter()
  .openapi(listDepartments, async (c) => {
    const rows = await c.get('deps').database.db.select().from(departments).orderBy(asc(departments.id));
    return c.json(rows, 200);
  })
  .openapi(listUsers, async (c) => {
    const { departmentId } = c.req.valid('query');
    const db = c.get('deps').database.db;
    const query = db
      .select({
        id: users.id,
        name: users.name,
        departmentId: users.departmentId,
        roles: users.roles,
        title: users.title,
        hasEnforcementCredential: users.hasEnforcementCredential,
      })
      .from(users);
    const rows = await (departmentId ? query.where(eq(users.departmentId, departmentId)) : query).orderBy(
      asc(users.id),
    );
    // The register itself (roles) is for those who administer users; others get the directory they pick people from.
    if (c.get('user').roles.includes('admin')) return c.json(rows, 200);
    return c.json(
      rows.map(({ roles: _roles, ...person }) => person),
      200,
    );
  });
