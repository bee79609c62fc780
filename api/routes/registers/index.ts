// The master-data registers (主数据): people, units, enterprises and their spreadsheet import and export.
import { createRouter } from '../../openapi';
import { catalogueRegisterRouter } from './catalogues';
import { enterpriseFilesRouter } from './enterprise-files';
import { enterpriseRegisterRouter } from './enterprises';
import { peopleRegisterRouter } from './people';
import { unitRegisterRouter } from './units';

export const registersRouter = createRouter()
  .route('/', peopleRegisterRouter)
  .route('/', unitRegisterRouter)
  .route('/', catalogueRegisterRouter)
  .route('/', enterpriseFilesRouter)
  .route('/', enterpriseRegisterRouter);
