//! The one permission table: which role may do what, and which permission each service
//! entry point needs. The service guard (`Principal::require`), the handlers' early
//! checks, the menu and the read models' `actions` fields all ask this module, so they
//! cannot disagree. `tests/it/permissions.rs` calls every entry point with every role and
//! compares the answers with [`Operation::permission`] and [`allows`].

use super::ids::AreaId;
use super::role::Role;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    /// Read the ledger, pools and transfers.
    ViewFinance,
    /// Import budget lines and propose transfers.
    ProposeTransfer,
    /// Approve or reject somebody else's transfer (and see the queue of those waiting).
    ApproveTransfer,
    /// Manage areas, funders, staff, roles and voting codes.
    Administer,
    /// The council's dashboard: the report, the audit events and the export bundle
    /// (read-only; council members and the steering group).
    ViewAuditReport,
    /// Decide objections (bezwaren) against rejections and results: the steering group.
    DecideObjections,
}

impl Permission {
    pub const ALL: [Permission; 6] = [
        Permission::ViewFinance,
        Permission::ProposeTransfer,
        Permission::ApproveTransfer,
        Permission::Administer,
        Permission::ViewAuditReport,
        Permission::DecideObjections,
    ];

    /// The table: the roles that hold this permission.
    pub fn roles(self) -> &'static [Role] {
        match self {
            Permission::ViewFinance => &[
                Role::FinanceClerk,
                Role::FinanceApprover,
                Role::Council,
                Role::SteeringGroup,
                Role::Admin,
            ],
            Permission::ProposeTransfer => &[Role::FinanceClerk, Role::FinanceApprover],
            Permission::ApproveTransfer => &[Role::FinanceApprover],
            Permission::Administer => &[Role::Admin],
            Permission::ViewAuditReport => &[Role::Council, Role::SteeringGroup],
            Permission::DecideObjections => &[Role::SteeringGroup],
        }
    }
}

/// Does one of these roles hold the permission?
pub fn allows(roles: &[Role], p: Permission) -> bool {
    roles.iter().any(|r| p.roles().contains(r))
}

/// May someone with these grants manage this area? Administrators may manage every area;
/// a coordinator only the areas they were assigned.
pub fn may_coordinate(roles: &[Role], coordinator_areas: &[AreaId], area_id: &AreaId) -> bool {
    roles.contains(&Role::Admin)
        || (roles.contains(&Role::AreaCoordinator)
            && coordinator_areas.iter().any(|a| a == area_id))
}

/// What an entry point needs: a permission, or the right to coordinate the area it acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Nothing: public reads, and what a resident does with a voting code (the round's
    /// state decides when, see `domain::round::capabilities`).
    Anyone,
    Permission(Permission),
    /// Administrators everywhere, coordinators in their own areas ([`may_coordinate`]).
    Area,
    /// Initiators, and whoever coordinates the area (plans handed in on paper).
    AreaOrInitiator,
}

/// Every service entry point that takes a caller (finance, administration, users, voting
/// codes, rounds and ballots, the council's report and audit events). Named after the
/// service function. Who may act on a round is this table; *when* (the round's state) is
/// `domain::round::capabilities`, which asks this table for the who.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operation {
    // finance reads
    LedgerOverview,
    ListBudgetLines,
    BudgetLineDetail,
    Pools,
    PoolDetail,
    Funders,
    ListTransfers,
    ApprovalQueue,
    Transfer,
    AllBalances,
    TransferOptions,
    TransfersCsv,
    // finance changes
    ImportLedger,
    ProposeTransfer,
    ProposeCorrection,
    DecideTransfer,
    // areas and funders
    CreateArea,
    CreateFunder,
    // users and roles
    AddUser,
    ListUsers,
    GrantRole,
    RevokeRole,
    SetDisabled,
    RolesCsv,
    AreaSettings,
    UpdateAreaSettings,
    // voting codes
    GenerateCodes,
    ListCodeBatches,
    RevokeCode,
    ReplaceCode,
    AreasForCodes,
    // rounds and ballots (service/rounds.rs)
    Round,
    ListRounds,
    ManageableRounds,
    AreasForRounds,
    AreaBySlug,
    VoterRounds,
    PreviewBallot,
    CastOnline,
    PublishedPb,
    PublishedBallots,
    CreateRound,
    ManagedRound,
    SubmitPlan,
    ReviewPlan,
    // an area's review checklist and eligibility rules (service/plan_review.rs)
    ReviewRules,
    UpdateReviewRules,
    OpenVoting,
    PaperBallot,
    CloseRound,
    // the council (service/report.rs)
    Report,
    AuditEvents,
    // the signed audit log (service/audit_log.rs): public reads, so anyone can check it
    LatestCheckpoint,
    Checkpoints,
    SigningStatus,
    InclusionProof,
    InclusionProofForReceipt,
    FindReceipt,
    ConsistencyProof,
    LeafHashes,
    ResumeSigning,
    // the money after the vote (service/payments.rs, progress.rs, plans.rs, village.rs)
    FundedPlans,
    RecordPayment,
    PostProgress,
    PlanPage,
    PlanPhoto,
    VillagePage,
    // objections to the steering group (service/objections.rs)
    ObjectToRejection,
    ObjectToResult,
    RoundObjections,
    ObjectionQueue,
    DecideObjection,
    SetObjectionWindow,
}

impl Operation {
    pub const ALL: [Operation; 73] = [
        Operation::LedgerOverview,
        Operation::ListBudgetLines,
        Operation::BudgetLineDetail,
        Operation::Pools,
        Operation::PoolDetail,
        Operation::Funders,
        Operation::ListTransfers,
        Operation::ApprovalQueue,
        Operation::Transfer,
        Operation::AllBalances,
        Operation::TransferOptions,
        Operation::TransfersCsv,
        Operation::ImportLedger,
        Operation::ProposeTransfer,
        Operation::ProposeCorrection,
        Operation::DecideTransfer,
        Operation::CreateArea,
        Operation::CreateFunder,
        Operation::AddUser,
        Operation::ListUsers,
        Operation::GrantRole,
        Operation::RevokeRole,
        Operation::SetDisabled,
        Operation::RolesCsv,
        Operation::AreaSettings,
        Operation::UpdateAreaSettings,
        Operation::GenerateCodes,
        Operation::ListCodeBatches,
        Operation::RevokeCode,
        Operation::ReplaceCode,
        Operation::AreasForCodes,
        Operation::Round,
        Operation::ListRounds,
        Operation::ManageableRounds,
        Operation::AreasForRounds,
        Operation::AreaBySlug,
        Operation::VoterRounds,
        Operation::PreviewBallot,
        Operation::CastOnline,
        Operation::PublishedPb,
        Operation::PublishedBallots,
        Operation::CreateRound,
        Operation::ManagedRound,
        Operation::SubmitPlan,
        Operation::ReviewPlan,
        Operation::ReviewRules,
        Operation::UpdateReviewRules,
        Operation::OpenVoting,
        Operation::PaperBallot,
        Operation::CloseRound,
        Operation::Report,
        Operation::AuditEvents,
        Operation::LatestCheckpoint,
        Operation::Checkpoints,
        Operation::SigningStatus,
        Operation::InclusionProof,
        Operation::InclusionProofForReceipt,
        Operation::FindReceipt,
        Operation::ConsistencyProof,
        Operation::LeafHashes,
        Operation::ResumeSigning,
        Operation::FundedPlans,
        Operation::RecordPayment,
        Operation::PostProgress,
        Operation::PlanPage,
        Operation::PlanPhoto,
        Operation::VillagePage,
        Operation::ObjectToRejection,
        Operation::ObjectToResult,
        Operation::RoundObjections,
        Operation::ObjectionQueue,
        Operation::DecideObjection,
        Operation::SetObjectionWindow,
    ];

    /// The second column of the table: what each entry point needs.
    pub fn need(self) -> Need {
        use Operation::*;
        use Permission::*;
        Need::Permission(match self {
            LedgerOverview | ListBudgetLines | BudgetLineDetail | Pools | PoolDetail | Funders
            | ListTransfers | Transfer | AllBalances | TransfersCsv | FundedPlans => ViewFinance,
            // The queue is the approvers' work list (the page and the API agree).
            ApprovalQueue | DecideTransfer => ApproveTransfer,
            // A payment is a transfer typed in by finance (four eyes above the threshold).
            TransferOptions
            | ImportLedger
            | Operation::ProposeTransfer
            | ProposeCorrection
            | RecordPayment => Permission::ProposeTransfer,
            CreateArea | CreateFunder | AddUser | ListUsers | GrantRole | RevokeRole
            | SetDisabled | RolesCsv | GenerateCodes | ListCodeBatches | RevokeCode
            | ReplaceCode | AreasForCodes => Administer,
            // Letting signing continue after it stopped is an administrator's decision.
            ResumeSigning => Administer,
            Report | AuditEvents => ViewAuditReport,
            // The steering group's work list and its decisions.
            ObjectionQueue | DecideObjection => DecideObjections,
            // Objections and their decisions are public; objecting to a result needs a
            // voting code of the area or a plan in the round (checked by the service, as a
            // ballot's code is).
            RoundObjections | ObjectToResult => return Need::Anyone,
            // The plan's own initiator only (checked against the plan by the service).
            ObjectToRejection => return Need::AreaOrInitiator,
            SetObjectionWindow => return Need::Area,
            // Rounds, plans, review reasons and results are public; a resident votes with
            // a code. Lists filter to what the caller may manage instead of refusing.
            Round | ListRounds | ManageableRounds | AreasForRounds | AreaBySlug | VoterRounds
            | PreviewBallot | CastOnline | PublishedPb | PublishedBallots => return Need::Anyone,
            // The signed log is a public transparency log: checkpoints, the signer's
            // state and every proof are for anyone (residents check their receipt).
            // Signing itself is not a caller's act: whoever holds the key signs.
            LatestCheckpoint
            | Checkpoints
            | SigningStatus
            | InclusionProof
            | InclusionProofForReceipt
            | FindReceipt
            | ConsistencyProof
            | LeafHashes => return Need::Anyone,
            // Where the village's money went, per plan and per year, is public.
            PlanPage | PlanPhoto | VillagePage => return Need::Anyone,
            AreaSettings | UpdateAreaSettings | CreateRound | ManagedRound | ReviewPlan
            | OpenVoting | PaperBallot | CloseRound => return Need::Area,
            // The checklist and the eligibility rules are the area's own: its coordinator
            // (or an administrator) sets them; initiators hand in, never review.
            ReviewRules | UpdateReviewRules => return Need::Area,
            SubmitPlan => return Need::AreaOrInitiator,
            // Initiators: only on their own plan (`domain::plan_money::may_post_progress`,
            // checked against the plan by the service after this table).
            PostProgress => return Need::AreaOrInitiator,
        })
    }

    /// May a caller with these grants start this operation (on this area, for the
    /// area-scoped ones)?
    pub fn allowed(self, roles: &[Role], coordinator_areas: &[AreaId], area_id: &AreaId) -> bool {
        match self.need() {
            Need::Anyone => true,
            Need::Permission(p) => allows(roles, p),
            Need::Area => may_coordinate(roles, coordinator_areas, area_id),
            Need::AreaOrInitiator => {
                roles.contains(&Role::Initiator)
                    || may_coordinate(roles, coordinator_areas, area_id)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clerks_propose_approvers_approve_council_reads() {
        assert!(allows(&[Role::FinanceClerk], Permission::ProposeTransfer));
        assert!(!allows(&[Role::FinanceClerk], Permission::ApproveTransfer));
        assert!(allows(
            &[Role::FinanceApprover],
            Permission::ApproveTransfer
        ));
        assert!(!allows(&[Role::Admin], Permission::ProposeTransfer));
        assert!(allows(&[Role::Admin], Permission::Administer));
        assert!(allows(&[Role::Council], Permission::ViewFinance));
        assert!(!allows(&[Role::Council], Permission::ProposeTransfer));
        assert!(!allows(&[Role::Initiator], Permission::ViewFinance));
        assert!(!allows(&[Role::AreaCoordinator], Permission::ViewFinance));
        assert!(!allows(&[], Permission::ViewFinance));
        assert!(allows(&[Role::Council], Permission::ViewAuditReport));
        assert!(allows(&[Role::SteeringGroup], Permission::ViewAuditReport));
        for r in [
            Role::Initiator,
            Role::AreaCoordinator,
            Role::FinanceClerk,
            Role::FinanceApprover,
            Role::Admin,
        ] {
            assert!(!allows(&[r], Permission::ViewAuditReport), "{r:?}");
        }
    }

    #[test]
    fn coordinators_are_scoped_to_their_areas() {
        let loo = vec![AreaId::from("area-t-loo")];
        assert!(may_coordinate(
            &[Role::AreaCoordinator],
            &loo,
            &"area-t-loo".into()
        ));
        assert!(!may_coordinate(
            &[Role::AreaCoordinator],
            &loo,
            &"area-oosterwolde".into()
        ));
        assert!(!may_coordinate(
            &[Role::FinanceClerk],
            &loo,
            &"area-t-loo".into()
        ));
        assert!(may_coordinate(
            &[Role::Admin],
            &[],
            &"area-oosterwolde".into()
        ));
    }

    #[test]
    fn only_who_coordinates_the_area_reviews_plans() {
        let loo = vec![AreaId::from("area-t-loo")];
        let (here, elders) = (AreaId::from("area-t-loo"), AreaId::from("elders"));
        for op in [
            Operation::ReviewPlan,
            Operation::ReviewRules,
            Operation::UpdateReviewRules,
        ] {
            assert!(!op.allowed(&[Role::Initiator], &[], &here), "{op:?}");
            assert!(!op.allowed(&[Role::SteeringGroup], &[], &here), "{op:?}");
            assert!(op.allowed(&[Role::AreaCoordinator], &loo, &here), "{op:?}");
            assert!(
                !op.allowed(&[Role::AreaCoordinator], &loo, &elders),
                "{op:?}"
            );
            assert!(op.allowed(&[Role::Admin], &[], &elders), "{op:?}");
        }
        assert!(Operation::SubmitPlan.allowed(&[Role::Initiator], &[], &here));
    }

    #[test]
    fn the_approval_queue_needs_what_deciding_needs() {
        assert_eq!(
            Operation::ApprovalQueue.need(),
            Operation::DecideTransfer.need()
        );
        assert!(!Operation::ApprovalQueue.allowed(&[Role::Council], &[], &"".into()));
        assert!(Operation::ApprovalQueue.allowed(&[Role::FinanceApprover], &[], &"".into()));
    }
}
