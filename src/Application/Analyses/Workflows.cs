using System.Text.Json;
using VariantMiner.Domain.Analyses;

namespace VariantMiner.Application.Analyses;

public sealed record WorkflowDto(Guid Id, string Name, string Pipeline, JsonElement Parameters, DateTimeOffset UpdatedAt);

/// <summary>The organization's workflows (presets): everyone sees them, to launch with one.</summary>
public sealed record ListWorkflows(Guid OrganizationId) : IQuery<IReadOnlyList<WorkflowDto>>, IOrganizationRequest;

public sealed class ListWorkflowsHandler(IApplicationDbContext db) : IQueryHandler<ListWorkflows, IReadOnlyList<WorkflowDto>>
{
    public async ValueTask<IReadOnlyList<WorkflowDto>> Handle(ListWorkflows query, CancellationToken cancellationToken) =>
        (await db.Workflows.AsNoTracking().OrderBy(w => w.Name).ToListAsync(cancellationToken)).Select(ToDto).ToList();

    internal static WorkflowDto ToDto(Workflow w) => new(w.Id, w.Name, w.Pipeline, JsonDocument.Parse(w.ParametersJson).RootElement.Clone(), w.UpdatedAt);
}

public sealed record GetWorkflow(Guid OrganizationId, Guid WorkflowId) : IQuery<WorkflowDto>, IOrganizationRequest;

public sealed class GetWorkflowHandler(IApplicationDbContext db) : IQueryHandler<GetWorkflow, WorkflowDto>
{
    public async ValueTask<WorkflowDto> Handle(GetWorkflow query, CancellationToken cancellationToken) =>
        ListWorkflowsHandler.ToDto(await db.Workflows.AsNoTracking().SingleOrDefaultAsync(w => w.Id == query.WorkflowId, cancellationToken)
            ?? throw new NotFoundException("The workflow"));
}

/// <summary>
/// Creates a workflow (workflows.manage): a pipeline with every parameter fixed, validated like a launch (defaults filled
/// in, so a later change of a pipeline default does not change what the workflow runs).
/// </summary>
[RequiresPermission(Permissions.WorkflowsManage)]
public sealed record CreateWorkflow(string Name, string Pipeline) : ICommand<WorkflowDto>, IOrganizationRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
    public IReadOnlyDictionary<string, JsonElement>? Parameters { get; init; }
}

public sealed class CreateWorkflowValidator : AbstractValidator<CreateWorkflow>
{
    public CreateWorkflowValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(Workflow.NameMaxLength);
        RuleFor(c => c.Pipeline).NotEmpty();
    }
}

public sealed class CreateWorkflowHandler(IApplicationDbContext db, ICurrentUser currentUser, IPipelineCatalog catalog, PipelineParameters parameters,
    TimeProvider clock) : ICommandHandler<CreateWorkflow, WorkflowDto>
{
    public async ValueTask<WorkflowDto> Handle(CreateWorkflow command, CancellationToken cancellationToken)
    {
        var pipeline = catalog.Find(command.Pipeline)
            ?? throw Invalid.Field("pipeline", $"No pipeline '{command.Pipeline}'. Pipelines: {string.Join(", ", catalog.All.Select(p => p.Key))}.");
        if (pipeline.SubAnalysis is not null) throw Invalid.Field("pipeline", $"{pipeline.Name} is a sub-analysis; a workflow presets a main analysis.");
        var values = await parameters.ValidateAsync(pipeline, command.Parameters, db.StoredFiles, "parameters", cancellationToken);
        await WorkflowNames.EnsureFreeAsync(db, command.Name, null, cancellationToken);
        var workflow = new Workflow(command.OrganizationId, command.Name, pipeline.Key, values.ToJsonString(), currentUser.UserId!.Value, clock.GetUtcNow());
        db.Workflows.Add(workflow);
        await db.SaveChangesAsync(cancellationToken);
        return ListWorkflowsHandler.ToDto(workflow);
    }
}

/// <summary>Renames a workflow or changes its parameters (workflows.manage); runs launched before keep the parameters they used.</summary>
[RequiresPermission(Permissions.WorkflowsManage)]
public sealed record UpdateWorkflow(string Name) : ICommand<WorkflowDto>, IOrganizationRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
    [JsonIgnore] public Guid WorkflowId { get; init; }
    public IReadOnlyDictionary<string, JsonElement>? Parameters { get; init; }
}

public sealed class UpdateWorkflowValidator : AbstractValidator<UpdateWorkflow>
{
    public UpdateWorkflowValidator() => RuleFor(c => c.Name).NotEmpty().MaximumLength(Workflow.NameMaxLength);
}

public sealed class UpdateWorkflowHandler(IApplicationDbContext db, ICurrentUser currentUser, IPipelineCatalog catalog, PipelineParameters parameters,
    TimeProvider clock) : ICommandHandler<UpdateWorkflow, WorkflowDto>
{
    public async ValueTask<WorkflowDto> Handle(UpdateWorkflow command, CancellationToken cancellationToken)
    {
        var workflow = await db.Workflows.SingleOrDefaultAsync(w => w.Id == command.WorkflowId, cancellationToken) ?? throw new NotFoundException("The workflow");
        var pipeline = catalog.Find(workflow.Pipeline) ?? throw new ConflictException($"The pipeline {workflow.Pipeline} is no longer installed; delete this workflow.");
        var values = await parameters.ValidateAsync(pipeline, command.Parameters, db.StoredFiles, "parameters", cancellationToken);
        await WorkflowNames.EnsureFreeAsync(db, command.Name, workflow.Id, cancellationToken);
        workflow.Change(command.Name, values.ToJsonString(), currentUser.UserId!.Value, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return ListWorkflowsHandler.ToDto(workflow);
    }
}

/// <summary>Deletes a workflow (workflows.manage); runs launched with it keep their parameters and show it as deleted.</summary>
[RequiresPermission(Permissions.WorkflowsManage)]
public sealed record DeleteWorkflow(Guid OrganizationId, Guid WorkflowId) : ICommand, IOrganizationRequest;

public sealed class DeleteWorkflowHandler(IApplicationDbContext db) : ICommandHandler<DeleteWorkflow>
{
    public async ValueTask<Unit> Handle(DeleteWorkflow command, CancellationToken cancellationToken)
    {
        var workflow = await db.Workflows.SingleOrDefaultAsync(w => w.Id == command.WorkflowId, cancellationToken) ?? throw new NotFoundException("The workflow");
        db.Workflows.Remove(workflow);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

internal static class WorkflowNames
{
    public static async Task EnsureFreeAsync(IApplicationDbContext db, string name, Guid? except, CancellationToken cancellationToken)
    {
        var trimmed = name.Trim();
        if (await db.Workflows.AnyAsync(w => w.Name == trimmed && w.Id != except, cancellationToken))
            throw new ConflictException($"A workflow named '{trimmed}' already exists.");
    }
}
