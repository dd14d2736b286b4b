package org.cityservice.complaint;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.cityservice.identity.Caller;
import org.cityservice.redis.StoredFields;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.FieldViolation;
import org.cityservice.shared.ProblemType;
import org.cityservice.shared.RequestSizeLimit;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Photos for complaints: a resident's of the problem, a staff member's "after" photos of the work.
 * A photo is known by its bytes (JPEG, PNG or WebP), at most {@value #MAX_MIB} MiB, and stored
 * without the metadata that would tell where it was taken. It is shown to whoever uploaded it and,
 * once attached to a case, to the case's reporter and to staff who see the case. One never attached
 * is deleted after {@code app.uploads.unattached} ({@link PhotoCleanup}).
 */
@RestController
@Tag(name = "照片", description = "Photos for a complaint: upload, then name them in the report")
class PhotoController {

    static final int MAX_MIB = 5;
    static final DataSize MAX_SIZE = DataSize.ofMegabytes(MAX_MIB);

    private final PhotoUploads uploads;
    private final PhotoStorage storage;
    private final PhotoRecords records;
    private final ComplaintStore cases;
    private final ComplaintWorkflow workflow;

    PhotoController(
            PhotoUploads uploads,
            PhotoStorage storage,
            PhotoRecords records,
            ComplaintStore cases,
            ComplaintWorkflow workflow) {
        this.uploads = uploads;
        this.storage = storage;
        this.records = records;
        this.cases = cases;
        this.workflow = workflow;
    }

    /** An uploaded photo: its id to name in the report, and where to see it. */
    record PhotoView(String id, String url, String mediaType, int size) {}

    @PostMapping(path = "/api/v1/uploads", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ApiResponse(responseCode = "201", description = "已上传")
    @Operation(
            summary =
                    "Upload one photo (multipart field `file`): JPEG, PNG or WebP, at most 5 MiB; location data is removed")
    Mono<ResponseEntity<PhotoView>> upload(
            @AuthenticationPrincipal Caller caller,
            @Parameter(schema = @Schema(type = "string", format = "binary")) @RequestPart("file") Mono<Part> file) {
        return uploads.take(caller.subject())
                .then(file)
                .switchIfEmpty(Mono.error(PhotoController::notAPhoto))
                // the multipart body is parsed as this is subscribed: no boundary in the Content-Type, or one the body
                // never contains, shows up here as a DecodingException, a part without a name as Spring's
                // IllegalStateException
                .onErrorMap(
                        e -> e instanceof DecodingException || e instanceof IllegalStateException, e -> notMultipart())
                .flatMap(part -> part instanceof FilePart photo
                        ? DataBufferUtils.join(photo.content(), (int) MAX_SIZE.toBytes())
                        : Mono.error(notAFile()))
                .onErrorMap(DataBufferLimitException.class, e -> RequestSizeLimit.tooLarge(MAX_SIZE))
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .flatMap(bytes -> {
                    PhotoSanitizer.PhotoType type;
                    byte[] clean;
                    try {
                        type = PhotoSanitizer.detect(bytes);
                        clean = PhotoSanitizer.strip(type, bytes);
                    } catch (PhotoSanitizer.NotAPhoto e) {
                        return Mono.error(notAPhoto());
                    }
                    return uploads.store(caller.subject(), type.mediaType(), clean)
                            .map(stored -> ResponseEntity.created(URI.create(url(stored.id())))
                                    .body(new PhotoView(
                                            stored.id(), url(stored.id()), stored.mediaType(), stored.size())));
                });
    }

    @GetMapping("/api/v1/uploads/{id}")
    @Operation(
            summary =
                    "A photo: for whoever uploaded it and, once it is part of a case, for its reporter and the staff who see the case")
    Mono<ResponseEntity<byte[]>> photo(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        return records.find(id)
                .filterWhen(meta -> maySee(caller, meta))
                .flatMap(meta -> storage.get(id)
                        .map(bytes -> ResponseEntity.ok()
                                .contentType(MediaType.parseMediaType(StoredFields.required(meta, "mediaType")))
                                .cacheControl(CacheControl.noStore())
                                .body(bytes)))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("没有找到这张照片")));
    }

    /** Anyone else gets the same 404 as for a photo that does not exist. */
    private Mono<Boolean> maySee(Caller caller, Map<String, String> meta) {
        if (caller.subject().equals(meta.get("owner"))) {
            return Mono.just(true);
        }
        String trackingNo = meta.get("case");
        if (trackingNo == null) {
            return Mono.just(false);
        }
        if (caller.staff()) {
            return workflow.visible(caller, trackingNo)
                    .thenReturn(true)
                    .onErrorResume(ApiException.class, e -> Mono.just(false));
        }
        return cases.find(trackingNo)
                .map(complaint -> caller.subject().equals(complaint.residentId()))
                .defaultIfEmpty(false);
    }

    static String url(String id) {
        return "/api/v1/uploads/" + id;
    }

    private static ApiException notMultipart() {
        return new ApiException(ProblemType.BAD_REQUEST, "上传内容不是有效的 multipart/form-data 表单,请以文件字段 file 上传照片");
    }

    /** A text field named {@code file}: a form that forgot to attach the file. */
    private static ApiException notAFile() {
        return ApiException.invalid(List.of(new FieldViolation("file", "应为文件,而不是文本")));
    }

    private static ApiException notAPhoto() {
        return new ApiException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "只能上传 JPEG、PNG 或 WebP 格式的照片");
    }
}
