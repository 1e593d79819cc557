using VariantMiner.Application.Notifications;

namespace VariantMiner.WebApi.Endpoints;

/// <summary>My notifications in an organization (the bell), how events reach me, and the organization's defaults.</summary>
internal sealed class NotificationEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/organizations/{orgId:guid}")
            .RequireAuthorization()
            .WithTags("Notifications")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/notifications", async Task<Ok<NotificationListDto>> (Guid orgId, bool? unreadOnly, int? limit, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListMyNotifications(orgId, unreadOnly ?? false, limit), ct)))
            .WithName("Notifications_List")
            .WithSummary("My notifications in this organization, newest first (limit ≤ 200, default 50; unreadOnly=true), with the unread count.");

        group.MapPost("/notifications/{notificationId:guid}/read", async Task<Ok<NotificationListDto>> (Guid orgId, Guid notificationId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new MarkNotificationsRead { OrganizationId = orgId, NotificationId = notificationId }, ct)))
            .WithName("Notifications_Read")
            .WithSummary("Marks one of my notifications read.");

        group.MapPost("/notifications/read-all", async Task<Ok<NotificationListDto>> (Guid orgId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new MarkNotificationsRead { OrganizationId = orgId }, ct)))
            .WithName("Notifications_ReadAll")
            .WithSummary("Marks all my notifications in this organization read.");

        group.MapGet("/notifications/settings", async Task<Ok<IReadOnlyList<NotificationSettingDto>>> (Guid orgId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetMyNotificationSettings(orgId), ct)))
            .WithName("Notifications_GetMySettings")
            .WithSummary("How each event reaches me here: in the app, by e-mail (mine, else the organization's default).");

        group.MapPut("/notifications/settings", async Task<Ok<IReadOnlyList<NotificationSettingDto>>> (Guid orgId, SetMyNotificationSettings body, ISender sender,
                CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body with { OrganizationId = orgId }, ct)))
            .WithName("Notifications_SetMySettings")
            .WithSummary("Sets them: {settings: [{event, inApp, email}]}.")
            .ProducesValidationProblem();

        group.MapGet("/settings/notifications", async Task<Ok<IReadOnlyList<NotificationSettingDto>>> (Guid orgId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetOrganizationNotificationSettings(orgId), ct)))
            .WithName("Notifications_GetOrganizationSettings")
            .WithSummary("The organization's defaults (organization.settings.manage): per event who is told (involved or everyone who may see it) and how.");

        group.MapPut("/settings/notifications", async Task<Ok<IReadOnlyList<NotificationSettingDto>>> (Guid orgId, SetOrganizationNotificationSettings body,
                ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body with { OrganizationId = orgId }, ct)))
            .WithName("Notifications_SetOrganizationSettings")
            .WithSummary("Sets them (organization.settings.manage): {settings: [{event, inApp, email, audience: involved|everyone}]}.")
            .ProducesValidationProblem();
    }
}
