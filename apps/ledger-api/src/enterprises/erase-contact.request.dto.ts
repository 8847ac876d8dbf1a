import { ApiProperty } from '@nestjs/swagger';
import { CONTACT_ERASURE_REASONS, type ContactErasureReason } from '@pledge-ledger/domain';
import { IsIn } from 'class-validator';

export class EraseContactRequest {
  @ApiProperty({
    enum: CONTACT_ERASURE_REASONS,
    description: 'Why, as a code: recorded in the audit trail, so never free text that could hold personal data',
  })
  @IsIn(CONTACT_ERASURE_REASONS)
  reason!: ContactErasureReason;
}
