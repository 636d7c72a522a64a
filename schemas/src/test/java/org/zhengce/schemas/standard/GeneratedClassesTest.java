package org.zhengce.schemas.standard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.zhengce.events.CareSetting;
import org.zhengce.events.Department;
import org.zhengce.events.HospitalAdmitted;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.events.MedicalExpenseSettled;
import org.zhengce.events.PersonPseudonym;
import org.zhengce.events.RelationToHead;
import org.zhengce.events.Sex;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.HouseholdRegistered;
import org.zhengce.intake.Member;
import org.zhengce.intake.ResidentIdentity;

/** Generated classes write and read back every kind of value the standard uses. */
class GeneratedClassesTest {

    /** The example number of the national standard GB 11643: a fixture, nobody's identity. */
    private static final String FIXTURE_IDENTITY = "11010519491231002X";

    private static final Instant OCCURRED = Instant.parse("2026-03-01T08:30:00Z");
    private static final Instant REPORTED = Instant.parse("2026-03-01T09:00:00Z");
    private static final PersonPseudonym PERSON = new PersonPseudonym("k2026-01", "a".repeat(64));

    @Test
    void householdEventWithAPersonSubjectReadsBackEqual() throws IOException {
        HouseholdEvent event = HouseholdEvent.newBuilder()
                .setEventId("YB-2026-000123")
                .setDepartment(Department.MEDICAL_INSURANCE)
                .setOccurredAt(OCCURRED)
                .setReportedAt(REPORTED)
                .setSubject(PERSON)
                .setPlatformEventId("7d1f6a52-3a0e-4c38-9f57-1c1a7e6a9b01")
                .setCommunityCode("420106001001")
                .setFact(new MedicalExpenseSettled(CareSetting.INPATIENT, 8_650_000L, 2_310_000L))
                .build();

        HouseholdEvent read = roundTrip(event, HouseholdEvent.getClassSchema());

        assertThat(read).isEqualTo(event);
        assertThat(read.getFact()).isInstanceOf(MedicalExpenseSettled.class);
        assertThat(((MedicalExpenseSettled) read.getFact()).getOutOfPocketFen()).isEqualTo(2_310_000L);
        assertThat(read.getOccurredAt()).isEqualTo(OCCURRED);
    }

    @Test
    void optionalFieldsDefaultToNull() {
        HouseholdEvent event = HouseholdEvent.newBuilder()
                .setEventId("WJ-1")
                .setDepartment(Department.HEALTH)
                .setOccurredAt(OCCURRED)
                .setReportedAt(REPORTED)
                .setSubject(new HouseholdNumber("420106000123"))
                .setPlatformEventId("p-1")
                .setFact(HospitalAdmitted.newBuilder().build())
                .build();

        assertThat(event.getCommunityCode()).isNull();
        assertThat(((HospitalAdmitted) event.getFact()).getHospital()).isNull();
        assertThat(((HospitalAdmitted) event.getFact()).getEmergency()).isFalse();
    }

    @Test
    void departmentEventCarriesResidentIdentitiesAndDates() throws IOException {
        Member head = new Member(
                new ResidentIdentity(FIXTURE_IDENTITY), RelationToHead.HEAD, LocalDate.of(1949, 12, 31), Sex.FEMALE);
        DepartmentEvent event = DepartmentEvent.newBuilder()
                .setEventId("MZ-2026-1")
                .setDepartment(Department.CIVIL_AFFAIRS)
                .setOccurredAt(OCCURRED)
                .setReportedAt(REPORTED)
                .setSubject(new HouseholdNumber("420106000123"))
                .setFact(HouseholdRegistered.newBuilder()
                        .setCommunityCode("420106001001")
                        .setAddress("武昌区某街道某社区1号")
                        .setMembers(List.of(head))
                        .build())
                .build();

        DepartmentEvent read = roundTrip(event, DepartmentEvent.getClassSchema());

        assertThat(read).isEqualTo(event);
        Member member = ((HouseholdRegistered) read.getFact()).getMembers().get(0);
        assertThat(member.getBirthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
    }

    @Test
    void departmentUnknownToTheReaderReadsAsOther() throws IOException {
        Schema current = Department.getClassSchema();
        List<String> symbols = new ArrayList<>(current.getEnumSymbols());
        symbols.add("VETERANS_AFFAIRS");
        Schema newer = Schema.createEnum(current.getName(), current.getDoc(), current.getNamespace(), symbols, "OTHER");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<Object>(newer).write(new GenericData.EnumSymbol(newer, "VETERANS_AFFAIRS"), encoder);
        encoder.flush();

        Department read = new SpecificDatumReader<Department>(newer, current)
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        assertThat(read).isEqualTo(Department.OTHER);
    }

    private static <T extends SpecificRecord> T roundTrip(T record, Schema schema) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<T>(schema).write(record, encoder);
        encoder.flush();
        return new SpecificDatumReader<T>(schema)
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }
}
