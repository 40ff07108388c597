from __future__ import annotations

from fastapi import APIRouter, BackgroundTasks, HTTPException, Request, Response, status

from codecollab.auth import password_reset, service
from codecollab.auth.reset_email import send_reset_email
from codecollab.auth.schemas import (
    AuthResponse,
    LoginRequest,
    PasswordResetAccepted,
    PasswordResetConfirm,
    PasswordResetOptions,
    PasswordResetRequest,
    RefreshRequest,
    SignupRequest,
)
from codecollab.errors import responses
from codecollab.users.schemas import UserPublic
from codecollab.users.service import EmailTaken
from codecollab.web.client import client_address, too_many
from codecollab.web.deps import AnyUser, RuntimeDep, SessionDep

router = APIRouter(prefix="/auth", tags=["auth"])


def _response(result: service.IssuedTokens) -> AuthResponse:
    return AuthResponse(
        user=UserPublic.model_validate(result.user),
        access_token=result.access_token,
        refresh_token=result.refresh_token,
        expires_in=result.expires_in,
    )


@router.post(
    "/signup",
    status_code=status.HTTP_201_CREATED,
    responses=responses(409, 422, 429),
)
async def signup(
    body: SignupRequest, request: Request, session: SessionDep, runtime: RuntimeDep
) -> AuthResponse:
    """A member account. The password: 10+ characters, not only spaces, not a common one."""
    try:
        result = await service.signup(
            session,
            runtime,
            email=body.email,
            password=body.password,
            display_name=body.display_name,
            address=client_address(request),
        )
    except service.RateLimited as exc:
        raise too_many(str(exc), exc.retry_after_s) from exc
    except EmailTaken as exc:
        raise HTTPException(
            status.HTTP_409_CONFLICT, "an account with this e-mail already exists"
        ) from exc
    return _response(result)


@router.post("/login", responses=responses(401, 429))
async def login(
    body: LoginRequest, request: Request, session: SessionDep, runtime: RuntimeDep
) -> AuthResponse:
    try:
        result = await service.login(
            session,
            runtime,
            email=body.email,
            password=body.password,
            address=client_address(request),
        )
    except service.RateLimited as exc:
        raise too_many(str(exc), exc.retry_after_s) from exc
    except service.InvalidCredentials as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid e-mail or password") from exc
    return _response(result)


@router.post("/refresh", responses=responses(401))
async def refresh(body: RefreshRequest, session: SessionDep, runtime: RuntimeDep) -> AuthResponse:
    try:
        result = await service.refresh(session, runtime, refresh_token=body.refresh_token)
    except service.InvalidRefreshToken as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, str(exc)) from exc
    return _response(result)


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
async def logout(body: RefreshRequest, session: SessionDep) -> Response:
    await service.logout(session, refresh_token=body.refresh_token)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/me", responses=responses(401))
async def me(user: AnyUser) -> UserPublic:
    """The caller: an account, or a guest (`kind: "guest"`, `guest_room_id`)."""
    return UserPublic.model_validate(user)


@router.get("/password-reset")
async def password_reset_options(runtime: RuntimeDep) -> PasswordResetOptions:
    """Whether this server e-mails reset links; the login page says to ask an admin if not."""
    return PasswordResetOptions(by_email=runtime.settings.reset_by_email)


@router.post(
    "/password-reset",
    status_code=status.HTTP_202_ACCEPTED,
    responses=responses(409, 422, 429),
)
async def request_password_reset(
    body: PasswordResetRequest,
    request: Request,
    session: SessionDep,
    runtime: RuntimeDep,
    background: BackgroundTasks,
) -> PasswordResetAccepted:
    """E-mail a reset link to the account with this address, if there is one. The answer is
    the same 202 whether or not it exists; the e-mail is sent after the answer. 409 when this
    server does not send e-mail; 429 past the per-address limit."""
    try:
        to_send = await password_reset.request_reset_email(
            session,
            settings=runtime.settings,
            limiter=runtime.reset_limiter,
            email=body.email,
            address=client_address(request),
        )
    except service.RateLimited as exc:
        raise too_many(str(exc), exc.retry_after_s) from exc
    if to_send is not None:
        address, link = to_send
        background.add_task(send_reset_email, runtime.settings, to=address, link=link)
    return PasswordResetAccepted()


@router.post(
    "/password-reset/confirm",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(404, 410, 422),
)
async def confirm_password_reset(
    body: PasswordResetConfirm, session: SessionDep, runtime: RuntimeDep
) -> Response:
    """Set a new password with a reset link's token: once, before it expires. Every session
    of the account is signed out (its refresh tokens revoked)."""
    await password_reset.reset_password(
        session, runtime.passwords, token=body.token, password=body.password
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)
