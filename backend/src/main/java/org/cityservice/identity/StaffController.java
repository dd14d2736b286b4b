package org.cityservice.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.cityservice.district.Districts;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.Paging;
import org.cityservice.shared.ProblemType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/admin/staff")
@Tag(name = "管理:工作人员账号", description = "Staff accounts (role ADMIN)")
class StaffController {

    static final int MAX_PAGE_SIZE = 100;

    private final StaffStore staff;
    private final Passwords passwords;
    private final Sessions sessions;
    private final Districts districts;

    StaffController(StaffStore staff, Passwords passwords, Sessions sessions, Districts districts) {
        this.staff = staff;
        this.passwords = passwords;
        this.sessions = sessions;
        this.districts = districts;
    }

    /** One page of accounts, oldest first. */
    record StaffPage(List<StaffView> items, int page, int size, long total) {}

    @GetMapping
    @Operation(summary = "Staff accounts, paged, in creation order")
    Mono<StaffPage> list(
            @RequestParam(defaultValue = "1") Integer page, @RequestParam(defaultValue = "20") Integer size) {
        Paging.check(page, size, MAX_PAGE_SIZE);
        return staff.count()
                .flatMap(total -> staff.page((long) (page - 1) * size, size)
                        .map(StaffView::of)
                        .collectList()
                        .map(items -> new StaffPage(items, page, size, total)));
    }

    @PostMapping
    @ApiResponse(responseCode = "201", description = "创建成功")
    @Operation(
            summary =
                    "Create a staff account with its role and, for dispatchers and station staff, its district or station")
    Mono<ResponseEntity<StaffView>> create(@Valid @RequestBody NewStaffRequest request) {
        request.requireConsistent(districts);
        return passwords
                .hash(request.password())
                .map(hash -> new StaffAccount(
                        request.username(),
                        request.displayName(),
                        request.role(),
                        request.role() == Caller.Kind.DISPATCHER ? request.district() : null,
                        request.role() == Caller.Kind.STATION_STAFF ? request.stationId() : null,
                        hash,
                        true,
                        staff.now()))
                .flatMap(account -> staff.create(account)
                        .flatMap(created -> created
                                ? Mono.just(
                                        ResponseEntity.created(URI.create("/api/v1/admin/staff/" + account.username()))
                                                .body(StaffView.of(account)))
                                : Mono.error(new ApiException(
                                        ProblemType.ALREADY_EXISTS, "用户名 " + account.username() + " 已被使用"))));
    }

    @DeleteMapping("/{username}")
    @ApiResponse(responseCode = "204", description = "已停用")
    @Operation(
            summary =
                    "Disable an account and end its sessions; accounts are never erased, so what they did stays attributable")
    Mono<ResponseEntity<Void>> disable(@AuthenticationPrincipal Caller caller, @PathVariable String username) {
        if (username.equals(caller.subject())) {
            throw new ApiException(ProblemType.BAD_REQUEST, "不能停用自己的账号");
        }
        return staff.find(username)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("没有用户名为 " + username + " 的工作人员")))
                .flatMap(account ->
                        staff.disable(username).then(sessions.closeAll(new Caller(account.role(), username))))
                .thenReturn(ResponseEntity.noContent().build());
    }
}
