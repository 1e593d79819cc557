namespace VariantMiner.Application.Common.Security;

/// <summary>
/// An authorization rule that depends on what a request carries ("assigning others needs samples.assign", "leaving
/// needs no permission, removing someone else needs users.manage"). Named, kept beside its request, and checked by the
/// permission behavior before the handler runs, after the declared permissions — so no handler checks permissions
/// itself. Refuses by throwing <see cref="Exceptions.ForbiddenException"/>.
/// </summary>
public interface IRequestPolicy<in TMessage>
{
    void Authorize(TMessage message);
}
