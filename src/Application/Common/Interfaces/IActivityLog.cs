namespace VariantMiner.Application.Common.Interfaces;

/// <summary>
/// Adds an activity record (who, what, when, where) to the current unit of work, so it is saved in the same
/// transaction as the change it describes.
/// </summary>
public interface IActivityLog
{
    void Record(string action, string targetType, Guid? targetId, string summary, Guid? workspaceId = null, Guid? organizationId = null);
}
