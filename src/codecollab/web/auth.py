from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, Response, status

from codecollab.auth import service
from codecollab.auth.schemas import AuthResponse, LoginRequest, RefreshRequest, SignupRequest
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
