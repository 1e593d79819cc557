namespace VariantMiner.Infrastructure.Persistence;

/// <summary>
/// An organization's authorization version read earlier in the same request — by the session check, which reads it in
/// the same round trip as the user's security stamp when the route names an organization — so the membership lookup
/// does not read it again. Scoped to one request; used only for the organization it was read for.
/// </summary>
public sealed class AuthorizationVersionRead
{
    /// <summary>The shadow property (and column) of Organizations that the database's triggers bump.</summary>
    public const string Property = "AuthorizationVersion";

    private Guid _organizationId;
    private long? _version;
    private bool _read;

    /// <param name="version">null: there is no such organization.</param>
    public void Remember(Guid organizationId, long? version) => (_organizationId, _version, _read) = (organizationId, version, true);

    public bool TryGet(Guid organizationId, out long? version)
    {
        version = _version;
        return _read && _organizationId == organizationId;
    }
}
