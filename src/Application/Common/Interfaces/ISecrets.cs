namespace VariantMiner.Application.Common.Interfaces;

/// <summary>Secrets the product keeps to use later (an identity provider's client secret): encrypted by the installation's keys.</summary>
public interface ISecrets
{
    string Protect(string secret);
    string Unprotect(string protectedSecret);
}
