namespace VariantMiner.Domain.Analyses;

/// <summary>The run states of GA4GH WES, stored by name.</summary>
public enum AnalysisStatus
{
    QUEUED,
    INITIALIZING,
    RUNNING,
    COMPLETE,
    EXECUTOR_ERROR,
    SYSTEM_ERROR,
    CANCELING,
    CANCELED,
}

public static class AnalysisStates
{
    /// <summary>A run in one of these states will not change again.</summary>
    public static bool IsFinal(this AnalysisStatus status) =>
        status is AnalysisStatus.COMPLETE or AnalysisStatus.EXECUTOR_ERROR or AnalysisStatus.SYSTEM_ERROR or AnalysisStatus.CANCELED;

    /// <summary>A worker holds the run (its lease must be renewed).</summary>
    public static bool IsLeased(this AnalysisStatus status) =>
        status is AnalysisStatus.INITIALIZING or AnalysisStatus.RUNNING or AnalysisStatus.CANCELING;
}
