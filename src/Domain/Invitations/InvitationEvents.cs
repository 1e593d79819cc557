using VariantMiner.Domain.Common;

namespace VariantMiner.Domain.Invitations;

public sealed record InvitationCreated(Invitation Invitation) : IDomainEvent;
public sealed record InvitationResent(Invitation Invitation) : IDomainEvent;
public sealed record InvitationRevoked(Invitation Invitation) : IDomainEvent;
public sealed record InvitationAccepted(Invitation Invitation) : IDomainEvent;
